/**
 * Issue 16, scale: a synthetic month of one 1,000,000-customer tenant and 10,000 small ones,
 * replayed second by second through the key catalog's own functions (keys.ts,
 * customer-index-keys.ts) and the repositories' item builders, reporting the busiest second of
 * every kind of partition key against DynamoDB's per-partition limits (1,000 WCU, 3,000 RCU).
 * Pure computation: no DynamoDB. The month (bench/scale/month.ts): the large tenant imports its
 * million rows on day 1; every night the fan-out refits every tenant; orders arrive in business
 * hours; on day 15 the large tenant and 1,000 small ones send a campaign to their whole books.
 *
 * The baseline of each result is the per-partition limit, so `ratio` is the share of the limit the
 * busiest second used (above 1: DynamoDB throttles that key at this rate). `headroomRate` says at
 * which rate of the episode that produced it the key would sit exactly at the limit.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark, BenchResult } from './harness.js';
import { defaultPlan, LARGE_TENANT, month } from './scale/month.js';
import {
  type KindPeak,
  PARTITION_READ_LIMIT,
  PARTITION_WRITE_LIMIT,
  PartitionMeter,
  replay,
} from './scale/partition-meter.js';

const here = dirname(fileURLToPath(import.meta.url));

/** On-demand request prices, us-east-1 (USD per million units), as docs/data-model.md uses them. */
const WRITE_PRICE_PER_MILLION = 0.625;
const READ_PRICE_PER_MILLION = 0.125;

function clock(second: number): string {
  const day = Math.floor(second / 86_400) + 1;
  const rest = second % 86_400;
  const hh = String(Math.floor(rest / 3600)).padStart(2, '0');
  const mm = String(Math.floor((rest % 3600) / 60)).padStart(2, '0');
  const ss = String(rest % 60).padStart(2, '0');
  return `day ${day} ${hh}:${mm}:${ss} UTC`;
}

/** The stated rate of what produced a kind's busiest second, to scale it to the limit. */
function rateOf(peak: KindPeak): { rate: number; unit: string } | undefined {
  const small = peak.kind.includes('<small>');
  switch (peak.during) {
    case 'import':
      return { rate: defaultPlan.importRowsPerSecond, unit: 'rows/s' };
    case 'night':
      return { rate: defaultPlan.refitWritesPerSecond, unit: 'score writes/s' };
    case 'campaign':
      return {
        rate: (small ? defaultPlan.smallSendsPerMinute : defaultPlan.largeSendsPerMinute) / 60,
        unit: 'messages/s',
      };
    default:
      return undefined;
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'scale-simulation',
    run: async ({ log }) => {
      const started = performance.now();
      const cpuAtStart = process.cpuUsage();
      const meter = new PartitionMeter((tenantId) => (tenantId === LARGE_TENANT ? 'large' : 'small'));
      const plan = month(meter, defaultPlan);
      log(
        `month built in ${((performance.now() - started) / 1000).toFixed(1)} s: ${plan.episodes.length} episodes, ` +
          `${plan.smallSizes.reduce((sum, size) => sum + size, 0).toLocaleString('en')} customers in ${plan.smallSizes.length.toLocaleString('en')} small tenants`,
      );
      log(`item sizes (bytes): ${JSON.stringify(plan.sizes)}`);
      // SCALE_EPISODES=campaign (groups, comma-separated) replays only those episodes, in seconds
      // instead of minutes, to see one activity after a change; its kinds go to a file of their own.
      const only = (process.env.SCALE_EPISODES ?? '').split(',').filter(Boolean);
      const episodes =
        only.length > 0 ? plan.episodes.filter((episode) => only.includes(episode.group)) : plan.episodes;
      if (only.length > 0) log(`only the episodes of ${only.join(', ')}: ${episodes.length}`);
      replay(meter, episodes, ['campaign', 'import', 'night', 'orders']);
      const peaks = meter.peaks();
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuAtStart);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      log(`replayed in ${seconds.toFixed(1)} s (${cpuSeconds.toFixed(1)} s of CPU)`);

      const rows = peaks.map((peak: KindPeak) => {
        const episode = rateOf(peak);
        return {
          during: peak.during,
          kind: peak.kind,
          peakWcu: Math.round(peak.peakWcu * 10) / 10,
          wcuShareOfLimit: Math.round((peak.peakWcu / PARTITION_WRITE_LIMIT) * 1000) / 1000,
          peakWcuAt: clock(peak.peakWcuAt),
          peakWcuKey: peak.peakWcuKey,
          peakRcu: Math.round(peak.peakRcu * 10) / 10,
          rcuShareOfLimit: Math.round((peak.peakRcu / PARTITION_READ_LIMIT) * 1000) / 1000,
          peakRcuAt: clock(peak.peakRcuAt),
          secondsOverLimit: peak.secondsOverLimit,
          monthWcu: Math.round(peak.totalWcu),
          monthRcu: Math.round(peak.totalRcu),
          ...(episode && peak.peakWcu > 0
            ? {
                headroomRate: `${Math.floor((episode.rate * PARTITION_WRITE_LIMIT) / peak.peakWcu).toLocaleString('en')} ${episode.unit}`,
              }
            : {}),
        };
      });
      console.table(
        rows.slice(0, 30).map((row) => ({
          during: row.during,
          kind: row.kind,
          'peak WCU/s': row.peakWcu,
          'of 1,000': row.wcuShareOfLimit,
          at: row.peakWcuAt,
          'peak RCU/s': row.peakRcu,
          'over-limit key-s': row.secondsOverLimit,
          'limit reached at': row.headroomRate ?? '',
        })),
      );
      const out = join(
        here,
        only.length > 0 ? `scale-simulation.${only.join('+')}.json` : 'scale-simulation.json',
      );
      writeFileSync(
        out,
        `${JSON.stringify({ at: new Date().toISOString(), node: process.version, plan: defaultPlan, ...(only.length > 0 ? { episodes: only } : {}), sizes: plan.sizes, seconds, cpuSeconds, kinds: rows }, null, 2)}\n`,
      );
      log(`every kind written to ${out}`);

      const results: BenchResult[] = [];
      const hottestWrite = peaks[0];
      const hottestRead = [...peaks].sort((a, b) => b.peakRcu - a.peakRcu)[0];
      // The two hottest kinds of each activity (peaks are sorted, busiest first).
      const shown = new Map<string, number>();
      const hottest = peaks.filter((peak) => {
        const count = shown.get(peak.during) ?? 0;
        shown.set(peak.during, count + 1);
        return count < 2;
      });
      for (const peak of hottest) {
        results.push({
          name: `${peak.during}: busiest second of ${peak.kind} (${clock(peak.peakWcuAt)})`,
          value: peak.peakWcu,
          unit: 'WCU/s',
          baseline: { name: 'per-partition write limit', value: PARTITION_WRITE_LIMIT },
          ratio: peak.peakWcu / PARTITION_WRITE_LIMIT,
          goal: '<= 1',
          notes: `key ${peak.peakWcuKey}; ${peak.secondsOverLimit} key-seconds over a limit in the month`,
        });
      }
      if (hottestRead) {
        results.push({
          name: `${hottestRead.during}: busiest read second of ${hottestRead.kind} (${clock(hottestRead.peakRcuAt)})`,
          value: hottestRead.peakRcu,
          unit: 'RCU/s',
          baseline: { name: 'per-partition read limit', value: PARTITION_READ_LIMIT },
          ratio: hottestRead.peakRcu / PARTITION_READ_LIMIT,
          goal: '<= 1',
        });
      }
      // The month's request units per tenant class, priced on demand (docs/scaling.md states the prices).
      const unitsOf = (label: string) =>
        peaks
          .filter((peak) => peak.kind.includes(`<${label}>`))
          .reduce((sum, peak) => ({ wcu: sum.wcu + peak.totalWcu, rcu: sum.rcu + peak.totalRcu }), {
            wcu: 0,
            rcu: 0,
          });
      const large = unitsOf('large');
      const small = unitsOf('small');
      const price = (units: { wcu: number; rcu: number }) =>
        (units.wcu * WRITE_PRICE_PER_MILLION + units.rcu * READ_PRICE_PER_MILLION) / 1e6;
      results.push({
        name: 'large tenant: request units of the month (writes + reads), priced on demand',
        value: price(large),
        unit: 'USD',
        notes: `${Math.round(large.wcu).toLocaleString('en')} WCU, ${Math.round(large.rcu).toLocaleString('en')} RCU`,
      });
      results.push({
        name: 'small tenant (mean of 10,000): request units of the month, priced on demand',
        value: price(small) / defaultPlan.smallTenants,
        unit: 'USD',
        notes: `${Math.round(small.wcu / defaultPlan.smallTenants).toLocaleString('en')} WCU, ${Math.round(small.rcu / defaultPlan.smallTenants).toLocaleString('en')} RCU per tenant`,
      });
      results.push({
        name: 'simulation CPU time (build + replay; wall time is longer on a shared machine)',
        value: cpuSeconds,
        unit: 's',
        goal: '< 60',
        notes: `${seconds.toFixed(0)} s wall${hottestWrite ? `; hottest write key kind: ${hottestWrite.kind}` : ''}`,
      });
      return results;
    },
  },
];
