import type { SettableClock } from '../platform/clock.js';

/**
 * The demo's episodes told as one story, in the order things happened. Each episode waits for the
 * moment of its next step (`until`); when every episode is waiting, the timeline sets the clock to
 * the earliest moment asked for and wakes that episode alone, which runs until it waits again or
 * ends. So the services date every row and audit entry by the clock, and the area's audit trail,
 * read in its sequence order, is also in time order (the hash chain follows the sequence).
 */
export interface Timeline {
  /** Waits until the story reaches `at`. An episode's moments go forward: an earlier one is a mistake in the story. */
  until(at: Date): Promise<void>;
  /** Runs the episodes to their end. Each one must wait for its first moment before it touches the database. */
  run(episodes: readonly (() => Promise<unknown>)[]): Promise<void>;
}

export function timeline(clock: SettableClock): Timeline {
  const waiting: { at: Date; order: number; wake: () => void }[] = [];
  let running = 0;
  let asked = 0;
  let failed = false;
  const wakeNext = (): void => {
    if (running > 0 || failed) return;
    waiting.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
    const first = waiting.shift();
    if (!first) return;
    clock.set(first.at);
    running = 1;
    first.wake();
  };
  return {
    until(at) {
      if (at.getTime() < clock.now().getTime()) {
        throw new Error(`demo story goes back in time: ${at.toISOString()} is before ${clock.now().toISOString()}`);
      }
      return new Promise<void>((wake) => {
        waiting.push({ at, order: asked++, wake });
        running -= 1;
        wakeNext();
      });
    },
    async run(episodes) {
      running = episodes.length;
      await Promise.all(
        episodes.map(async (episode) => {
          try {
            await episode();
          } catch (error) {
            failed = true;
            throw error;
          } finally {
            running -= 1;
            wakeNext();
          }
        }),
      );
    },
  };
}
