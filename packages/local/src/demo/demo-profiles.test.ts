import { describe, expect, it } from 'vitest';
import { demoProfileMaker, demoProfiles } from './demo-profiles.js';

describe('demoProfileMaker', () => {
  it('gives, slice after slice, exactly the profiles demoProfiles gives for the whole list', () => {
    const ids = Array.from({ length: 120 }, (_, index) => String(index + 1).padStart(5, '0'));
    const maker = demoProfileMaker();

    const inSlices = [
      ...maker.take(ids.slice(0, 7)),
      ...maker.take(ids.slice(7, 50)),
      ...maker.take(ids.slice(50)),
    ];

    expect(inSlices).toEqual(demoProfiles(ids));
    expect(new Set(inSlices.map((profile) => profile.name)).size).toBeGreaterThan(100);
  });
});
