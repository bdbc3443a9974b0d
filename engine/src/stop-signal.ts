export interface StopSignal {
  /** Resolves with the first SIGTERM or SIGINT. */
  readonly promise: Promise<string>;
  /** The signal, once one came: a start checks it between its slow phases. */
  readonly received: string | undefined;
  /**
   * Removes the listeners. Each listens once, so a second SIGINT or SIGTERM while steps drain
   * already meets the default action and ends the process at once.
   */
  dispose(): void;
}

/**
 * Listens for SIGTERM and SIGINT from the moment it is called, so a signal that arrives during
 * a long start (initdb takes half a minute) is kept and acted on, not lost or fatal.
 */
export function waitForStopSignal(): StopSignal {
  let received: string | undefined;
  let resolve: (signal: string) => void = () => undefined;
  const promise = new Promise<string>((done) => {
    resolve = done;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    received ??= signal;
    resolve(signal);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return {
    promise,
    get received() {
      return received;
    },
    dispose() {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    },
  };
}
