/** A loop of background work in rounds (the notices and outbox, the audit sealer); stop() waits for a round in progress. */
export interface BackgroundRounds {
  stop(): Promise<void>;
}

/**
 * Runs `round` now, then `intervalMs` after each round ends: each round is scheduled when the one
 * before ends, so a slow round (a slow mail server, a busy database) never piles rounds up. A failing
 * round is reported to `onError` and the next one runs as usual. `round` is told whether stop() was
 * called, so it can cut its work short.
 */
export function startBackgroundRounds(
  round: (stopped: () => boolean) => Promise<void>,
  { intervalMs, onError }: { intervalMs: number; onError: (error: unknown) => void },
): BackgroundRounds {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const run = async (): Promise<void> => {
    try {
      await round(() => stopped);
    } catch (error) {
      onError(error);
    }
    if (!stopped) {
      timer = setTimeout(() => void (running = run()), intervalMs);
      timer.unref();
    }
  };
  let running = run();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
