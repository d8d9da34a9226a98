import { createServices, inMemorySigningKey, type PublicUrl } from '@crm/app';
import { resumeCampaignSends } from '@crm/app/campaigns';
import type { TableClient } from '@crm/dynamodb';

export type CampaignSendTimer = {
  stop: () => Promise<void>;
  /** One pass now (tests use it to avoid waiting for the next tick). */
  tick: () => Promise<void>;
};

/**
 * The local stand-in for the scheduled campaign-send Lambda: every `intervalMs` it carries on the
 * campaign sends nobody is driving (the campaign page was closed), with the same job code as in
 * AWS and the same outbox and links as the server's own sends.
 */
export function startCampaignSendTimer(options: {
  table: TableClient;
  publicUrl: PublicUrl;
  log: (message: string) => void;
  intervalMs?: number;
  clock?: () => Date;
}): CampaignSendTimer {
  const clock = options.clock ?? (() => new Date());
  // Only the campaign service is used; it signs no token, but the services want a key.
  const { campaigns } = createServices({
    table: options.table,
    signingKey: inMemorySigningKey(),
    publicUrl: options.publicUrl,
    clock,
  });
  let running: Promise<void> | undefined;
  let stopped = false;
  const pass = () => {
    running ??= resumeCampaignSends({ table: options.table, campaigns, clock })
      .then((outcome) => {
        if (outcome.resumed > 0)
          options.log(`campaign sends resumed: ${outcome.resumed} (${outcome.finished} finished)`);
        if (outcome.failed > 0) options.log(`${outcome.failed} campaign send(s) failed to resume`);
      })
      .catch((error: Error) => options.log(`campaign send pass failed: ${error.message}`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void pass();
  }, options.intervalMs ?? 10_000);
  // The HTTP server keeps the process alive; this timer must never be the reason it stays.
  timer.unref();
  return {
    tick: pass,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
