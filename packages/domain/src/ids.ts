import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** ULIDs sort by creation time, so ids double as stable, time-ordered sort keys. */
export function newId(): string {
  return nextUlid();
}

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export function isUlid(value: string): boolean {
  return ULID_PATTERN.test(value);
}
