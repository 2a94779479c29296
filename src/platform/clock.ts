/**
 * Where the time comes from. Services take a clock rather than calling `new Date()`, so tests and the
 * demo set the date by the clock instead of rewriting dates after the fact (issue 12 point 5).
 */
export interface Clock {
  now(): Date;
}

/** The machine's time: what the server runs on. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that shows the time it was set to, until set again or moved on: for tests and the demo. */
export interface SettableClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export function settableClock(start: Date | string = new Date()): SettableClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(at) {
      current = new Date(at);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** The clock's date (UTC), as the ISO day a service stamps or checks "in the future" against. */
export const todayOf = (clock: Clock): string => clock.now().toISOString().slice(0, 10);
