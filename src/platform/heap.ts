import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * A bulk load's JavaScript heap kept near what it holds (ADR 0051). An import makes garbage fast (each batch's
 * rows, their COPY text and its buffers) and V8, with gigabytes allowed, lets it pile up to well over what is
 * live before it collects: on the LAIT long file the importer's heap reached 116-156 MB committed with about
 * 30 MB live, most of the difference between its peak and the 300 MB it is allowed (issue 15). So while a
 * `ctp import` runs, a full collection is asked for whenever the heap and its buffers hold ABOVE_LIVE_BYTES
 * more than after the last one. Only the command line: in the server a collection forced between an import's
 * batches would be a pause for the pages it serves, and V8's own collections are incremental.
 */
export const ABOVE_LIVE_BYTES = 32 * 1024 * 1024;
const CHECK_EVERY_MS = 100;

/** Starts keeping the heap within `aboveLive` bytes of its live size; returns how to stop. */
export function boundHeap(aboveLive = ABOVE_LIVE_BYTES): () => void {
  // V8 gives a script its collector only with --expose-gc: set for the one new context that fetches it, then unset.
  v8.setFlagsFromString('--expose-gc');
  const collect = vm.runInNewContext('gc') as () => void;
  v8.setFlagsFromString('--no-expose-gc');
  const held = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  let live = held();
  const timer = setInterval(() => {
    if (held() <= live + aboveLive) return;
    collect();
    live = held();
  }, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
