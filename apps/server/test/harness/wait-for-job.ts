import type { JobService } from '../../src/modules/job/job.service.js';

/** Polls a job until it completes or fails (or 30 s pass); returns its last state. */
export async function waitForJob(jobs: JobService, name: string, id: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = (await jobs.stateOf(name, id)) ?? 'missing';
    if (state === 'completed' || state === 'failed' || Date.now() > deadline) return state;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
