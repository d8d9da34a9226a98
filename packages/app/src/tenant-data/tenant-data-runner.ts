import type { TenantDataDispatch, TenantDataJob } from './tenant-data-jobs.js';

/**
 * Runs tenant data jobs in this process, after the response that started them: the local
 * runtime's (and the tests') way, where no worker Lambda exists. `settled()` resolves when every
 * job started so far has ended, for a clean shutdown and for tests that wait for the outcome.
 */
export class InProcessTenantDataJobs {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly run: (job: TenantDataJob) => Promise<void>;

  constructor(run: (job: TenantDataJob) => Promise<void>) {
    this.run = run;
  }

  readonly dispatch: TenantDataDispatch = async (job) => {
    const running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run(job))
      .catch((error: unknown) => {
        console.error('tenant data job failed', { job, error });
      })
      .finally(() => {
        this.inFlight.delete(running);
      });
    this.inFlight.add(running);
  };

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
