import { createServices, inMemorySigningKey, type PublicUrl } from '@crm/app';
import { resumeCampaignSends } from '@crm/app/campaigns';
import { resumeSurveySends } from '@crm/app/surveys';
import type { TableClient } from '@crm/dynamodb';
import { type PeriodicPass, startPeriodicPass } from './periodic-pass.js';

export type CampaignSendTimer = PeriodicPass;

/**
 * The local stand-in for the scheduled campaign-send Lambda: every `intervalMs` it carries on the
 * campaign sends nobody is driving (the campaign page was closed) and the survey send runs past
 * their first page, with the same job code as in AWS and the same outbox and links as the
 * server's own sends.
 */
export function startCampaignSendTimer(options: {
  table: TableClient;
  publicUrl: PublicUrl;
  log: (message: string) => void;
  intervalMs?: number;
  clock?: () => Date;
}): CampaignSendTimer {
  const clock = options.clock ?? (() => new Date());
  // Only the campaign and survey services are used; they sign no token, but the services want a key.
  const { campaigns, surveys } = createServices({
    table: options.table,
    signingKey: inMemorySigningKey(),
    publicUrl: options.publicUrl,
    clock,
  });
  return startPeriodicPass(
    async () => {
      const outcome = await resumeCampaignSends({ table: options.table, campaigns, clock });
      if (outcome.resumed > 0)
        options.log(`campaign sends resumed: ${outcome.resumed} (${outcome.finished} finished)`);
      if (outcome.failed > 0) options.log(`${outcome.failed} campaign send(s) failed to resume`);
      const runs = await resumeSurveySends({ table: options.table, surveys, clock });
      if (runs.resumed > 0)
        options.log(`survey send runs resumed: ${runs.resumed} (${runs.finished} finished)`);
      if (runs.failed > 0) options.log(`${runs.failed} survey send run(s) failed to resume`);
    },
    { intervalMs: options.intervalMs ?? 10_000, log: options.log, name: 'campaign send' },
  );
}
