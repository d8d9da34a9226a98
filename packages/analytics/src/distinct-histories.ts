/**
 * The distinct (x, t_x, T) histories of a customer array with their counts: the likelihoods of every
 * purchase model sum over these (CDNOW master: ~7,500 rows for 23,570 customers). A model choice fits
 * up to five models and scores the holdout on the same calibration customers; `withSharedRows` lets
 * them group the customers once instead of once each.
 */
import { AnalyticsError } from './errors.js';

/** The sufficient statistics of the timing models: (x, t_x, T) and litt (see `CustomerSummary`). */
export type TimedRepeatBuying = { x: number; tx: number; T: number; litt: number };

export type Rows = {
  /** Each customer's row, in the order given. */
  rowOf: Int32Array;
  /** No customer without repeat purchases has t_x ≠ 0 (BG/NBD's grouping, by the raw t_x, is the same). */
  zeroTxWithoutRepeat: boolean;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  /** The largest x: per-x terms of the likelihood go in arrays of maxX + 1. */
  maxX: number;
  customers: number;
  repeaters: number;
  sumX: number;
  sumT: number;
  sumLitt: number;
};

/**
 * The rows of one customer array shared by several fits (`withSharedRows`): a model choice fits up to
 * five models on the same calibration customers, each of which used to group them again.
 */
let sharedRows: { customers: readonly TimedRepeatBuying[]; rows: Rows } | undefined;

/**
 * Runs `run` with the distinct (x, t_x, T) rows of `customers` computed once for every CNBD and
 * Pareto/NBD fit inside it on that same array (which must not change meanwhile). Customers the CNBD
 * models reject (a non-finite litt) are left to each fit's own checks.
 */
export function withSharedRows<T>(customers: readonly TimedRepeatBuying[], run: () => T): T {
  const previous = sharedRows;
  try {
    sharedRows = { customers, rows: compressRows(customers) };
  } catch {
    sharedRows = undefined;
  }
  try {
    return run();
  } finally {
    sharedRows = previous;
  }
}

/** Each customer's index among the shared distinct (x, t_x, T) rows of `customers`, and the rows. */
export function sharedRowIndex(
  customers: readonly unknown[],
): { rowOf: Int32Array; rows: { x: number; tx: number; T: number }[] } | undefined {
  if (sharedRows?.customers !== customers) return undefined;
  const { rowOf, x, tx, T } = sharedRows.rows;
  return { rowOf, rows: Array.from(x, (value, i) => ({ x: value, tx: tx[i] as number, T: T[i] as number })) };
}

/** The shared rows of `customers` as Pareto/NBD's fit groups them (same keys, same order), if any. */
export function sharedDistinctHistories(customers: readonly unknown[]):
  | {
      rows: { x: number; tx: number; T: number }[];
      weight: number[];
      repeaters: number;
      sumX: number;
      sumT: number;
    }
  | undefined {
  if (sharedRows?.customers !== customers) return undefined;
  const { x, tx, T, weight, repeaters, sumX, sumT } = sharedRows.rows;
  return {
    rows: Array.from(x, (value, i) => ({ x: value, tx: tx[i] as number, T: T[i] as number })),
    weight: Array.from(weight),
    repeaters,
    sumX,
    sumT,
  };
}

export function compressRows(data: readonly TimedRepeatBuying[]): Rows {
  if (sharedRows?.customers === data) return sharedRows.rows;
  const index = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const weight: number[] = [];
  let repeaters = 0;
  let sumX = 0;
  let sumT = 0;
  let sumLitt = 0;
  const rowOf = new Int32Array(data.length);
  let zeroTxWithoutRepeat = true;
  let at = 0;
  for (const c of data) {
    if (
      !(
        Number.isInteger(c.x) &&
        c.x >= 0 &&
        c.tx >= 0 &&
        c.T >= c.tx &&
        Number.isFinite(c.T) &&
        Number.isFinite(c.litt)
      )
    ) {
      throw new AnalyticsError(
        'invalid_input',
        'each customer needs an integer x ≥ 0, 0 ≤ t_x ≤ T and a finite litt',
        {
          customer: c,
        },
      );
    }
    if (c.x > 0) repeaters++;
    else if (c.tx !== 0) zeroTxWithoutRepeat = false;
    sumX += c.x;
    sumT += c.T;
    sumLitt += c.litt;
    const txValue = c.x > 0 ? c.tx : 0;
    const key = `${c.x}|${txValue}|${c.T}`;
    const row = index.get(key);
    rowOf[at++] = row ?? x.length;
    if (row === undefined) {
      index.set(key, x.length);
      x.push(c.x);
      tx.push(txValue);
      T.push(c.T);
      weight.push(1);
    } else {
      weight[row] = (weight[row] as number) + 1;
    }
  }
  return {
    rowOf,
    zeroTxWithoutRepeat,
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    weight: Float64Array.from(weight),
    maxX: x.reduce((max, value) => Math.max(max, value), 0),
    customers: data.length,
    repeaters,
    sumX,
    sumT,
    sumLitt,
  };
}

/**
 * The shared rows of `customers` as BG/NBD's fit groups them (the same rows in the same order when no
 * customer without repeat purchases has t_x ≠ 0), if any.
 */
export function sharedBgNbdRows(customers: readonly unknown[]): Rows | undefined {
  if (sharedRows?.customers !== customers || !sharedRows.rows.zeroTxWithoutRepeat) return undefined;
  return sharedRows.rows;
}
