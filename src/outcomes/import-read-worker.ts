import { parentPort, workerData } from 'node:worker_threads';
import { CHUNKS_AHEAD, lookupsOf, readEvents, streamOf, type BesideMessage, type ReadBesideStart } from './import-read.js';

/**
 * A worker thread reading one import's file beside the job (import-read.ts `readBeside`, ADR 0050): the
 * events of `readEvents`, each posted as it is read, never more than CHUNKS_AHEAD ahead of the job, which
 * says 'more' for each one it takes.
 */

/** A worker reads in bigger pieces than the job's thread (READ_CHUNK_BYTES): nobody else's requests wait on this thread. */
const WORKER_READ_BYTES = 64 * 1024;

const port = parentPort;
const { start } = workerData as { start: ReadBesideStart };
let ahead = 0;
let wake: (() => void) | null = null;
port?.on('message', () => {
  ahead -= 1;
  wake?.();
  wake = null;
});
const post = (message: BesideMessage) => port?.postMessage(message);

try {
  for await (const event of readEvents(streamOf(start.origin, WORKER_READ_BYTES), start.wantedLayout, lookupsOf(start.lookups))) {
    while (ahead >= CHUNKS_AHEAD) await new Promise<void>((resolve) => (wake = resolve));
    ahead += 1;
    post({ event });
  }
  post({ end: true });
} catch (error) {
  post({ failed: error instanceof Error ? error.message : String(error) });
}
port?.close();
