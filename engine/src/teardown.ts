import type { Logger } from './logger.ts';

/**
 * What a process has started, to be stopped in reverse order: the API server before the
 * workers it feeds, the workers before the Postgres they write to. A start that fails halfway
 * runs the same teardown as a SIGTERM, so nothing it started (an embedded Postgres, workers
 * holding jobs) outlives it and keeps the process from exiting.
 */
export interface Teardown {
  /** Registers how to stop something the moment it exists, before using it. */
  add(what: string, stop: () => Promise<void>): void;
  /** Stops everything registered, last first. One that fails is logged and the rest still stop. */
  run(): Promise<void>;
}

export function createTeardown(log: Logger): Teardown {
  const steps: { readonly what: string; readonly stop: () => Promise<void> }[] = [];
  return {
    add(what, stop) {
      steps.push({ what, stop });
    },
    async run() {
      for (let step = steps.pop(); step !== undefined; step = steps.pop()) {
        try {
          await step.stop();
        } catch (error) {
          log.error(`could not stop the ${step.what}`, { error });
        }
      }
    },
  };
}
