import type { JobResult } from 'pg-boss';
import { asJobWork } from '../store/connect-database.ts';

/**
 * Handles a fetched batch side by side and settles every job on its own
 * (pg-boss's `perJobResults`): a job whose handler throws is failed and
 * retried alone, and the others complete. Failing the whole batch instead
 * would run again jobs whose transactions had already committed: a cron run
 * started twice, a delivery sent twice, unrelated conversations held back by
 * one failing outbox message. The batch itself still comes in one fetch, which
 * is what keeps throughput up.
 *
 * Every handler runs on the engine's job pool (`asJobWork`), apart from API requests.
 */
export async function settleJobs<J extends { readonly id: string }>(jobs: readonly J[], handle: (job: J) => Promise<void>): Promise<JobResult[]> {
  return Promise.all(
    jobs.map(async (job): Promise<JobResult> => {
      try {
        await asJobWork(() => handle(job));
        return { id: job.id, status: 'completed' };
      } catch (error) {
        // pg-boss stores the error (message, stack) as the job's output, and a dead-letter job keeps it.
        return { id: job.id, status: 'failed', output: error };
      }
    }),
  );
}
