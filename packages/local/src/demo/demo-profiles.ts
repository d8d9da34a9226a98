import type { CustomerKind } from '@crm/domain';
import { base, en, Faker, zh_CN } from '@faker-js/faker';
import { stringify } from 'csv-stringify/sync';

export type DemoProfile = {
  externalId: string;
  name: string;
  kind: CustomerKind;
  email: string;
  phone: string;
  industry?: string;
  size?: string;
  tags: string[];
  birthday?: string;
};

const FAKE_SEED = 2026_11_24;
const businessKinds: CustomerKind[] = [
  'business',
  'business',
  'business',
  'distributor',
  'agent',
  'government',
];
const industries = ['retail', 'wholesale', 'media', 'education', 'hospitality', 'logistics', 'music'];
const sizes = ['1-9', '10-49', '50-249', '250-999', '1000+'];

/**
 * Realistic, deterministic people and companies for the CDNOW customer ids: the same id always
 * gets the same profile (fixed seed), half in Chinese and half in English, one in five a business.
 */
export function demoProfiles(externalIds: readonly string[]): DemoProfile[] {
  return demoProfileMaker().take(externalIds);
}

/**
 * `demoProfiles` a slice at a time: `take` continues where the previous call stopped (the same
 * random sequence), so the profiles of the first customers are made without those of the rest,
 * and a whole list taken in slices gets exactly the profiles `demoProfiles` gives.
 *
 * @example
 * const maker = demoProfileMaker();
 * const first = maker.take(ids.slice(0, 50)); // then maker.take(ids.slice(50))
 */
export function demoProfileMaker(): { take: (externalIds: readonly string[]) => DemoProfile[] } {
  const zh = new Faker({ locale: [zh_CN, en, base] });
  const english = new Faker({ locale: [en, base] });
  zh.seed(FAKE_SEED);
  english.seed(FAKE_SEED + 1);
  let next = 0;
  return { take: (externalIds) => externalIds.map((externalId) => profileOf(externalId, next++)) };

  function profileOf(externalId: string, index: number): DemoProfile {
    const chinese = index % 2 === 0;
    const faker = chinese ? zh : english;
    const isBusiness = faker.number.int({ min: 0, max: 4 }) === 0;
    const phone = chinese
      ? `+86 1${faker.string.numeric(2)} ${faker.string.numeric(4)} ${faker.string.numeric(4)}`
      : `+1 ${faker.string.numeric({ length: 3, exclude: ['0'] })} ${faker.string.numeric(3)} ${faker.string.numeric(4)}`;
    const handle = `${externalId}.${faker.string.alphanumeric(5).toLowerCase()}`;
    if (isBusiness) {
      return {
        externalId,
        name: faker.company.name(),
        kind: faker.helpers.arrayElement(businessKinds),
        email: `orders.${handle}@${chinese ? 'example.cn' : 'example.com'}`,
        phone,
        industry: faker.helpers.arrayElement(industries),
        size: faker.helpers.arrayElement(sizes),
        tags: faker.helpers.arrayElements(['wholesale', 'key-account', 'dealer', 'new'], { min: 0, max: 2 }),
      };
    }
    const birthday = faker.date.birthdate({ mode: 'age', min: 18, max: 75 }).toISOString().slice(0, 10);
    return {
      externalId,
      name: faker.person.fullName(),
      kind: 'consumer',
      email: `${handle}@${chinese ? 'example.cn' : 'example.com'}`,
      phone,
      tags: faker.helpers.arrayElements(['music-lover', 'newsletter', 'jazz', 'classical', 'rock'], {
        min: 0,
        max: 2,
      }),
      birthday,
    };
  }
}

/** The profile columns a shop's order export carries beside each order, as the import reads them. */
export function profileColumns(profile: DemoProfile): Record<string, string> {
  return {
    name: profile.name,
    kind: profile.kind,
    email: profile.email,
    phone: profile.phone,
    industry: profile.industry ?? '',
    size: profile.size ?? '',
    tags: profile.tags.join(';'),
    birthday: profile.birthday ?? '',
  };
}

/** Rows (objects) to CSV text with a header, by the one CSV library. */
export function toCsv(rows: Record<string, string>[]): string {
  return stringify(rows, { header: true });
}

/** A few contacts for a business: a decision maker, and sometimes a buyer and finance. */
export function demoContacts(
  profile: DemoProfile,
  index: number,
): { name: string; title: string; roles: string[]; phone: string }[] {
  const faker = new Faker({ locale: index % 2 === 0 ? [zh_CN, en, base] : [en, base] });
  faker.seed(FAKE_SEED + index);
  const count = faker.number.int({ min: 1, max: 3 });
  const roles = [
    { title: 'General manager', roles: ['decision_maker'] },
    { title: 'Purchasing', roles: ['buyer'] },
    { title: 'Accounts payable', roles: ['finance'] },
  ];
  return roles.slice(0, count).map((role) => ({
    name: faker.person.fullName(),
    ...role,
    phone: profile.phone.replace(/\d{4}$/, faker.string.numeric(4)),
  }));
}
