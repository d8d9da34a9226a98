import { describe, expect, it } from 'vitest';
import { alertTypesHiddenFrom } from './alert-visibility.js';

describe('alertTypesHiddenFrom', () => {
  it('shows owners and admins every alert, and hides webhook alerts from members and partners', () => {
    expect(alertTypesHiddenFrom('owner')).toEqual([]);
    expect(alertTypesHiddenFrom('admin')).toEqual([]);
    expect(alertTypesHiddenFrom('member')).toEqual(['webhook']);
    expect(alertTypesHiddenFrom('partner')).toEqual(['webhook']);
  });
});
