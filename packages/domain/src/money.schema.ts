import { z } from 'zod';
import { MAX_MONEY_AMOUNT } from './money.js';

/** An ISO-4217 currency code as every money field takes it. */
export const CurrencyCode = z
  .string()
  .max(3)
  .regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO-4217 code, e.g. CNY');

/** A non-negative amount in integer minor units (分, cents), bounded like every single amount (money.ts). */
export const NonNegativeMinorAmount = z
  .number()
  .int('must be whole minor units (分, cents)')
  .min(0)
  .max(MAX_MONEY_AMOUNT);
