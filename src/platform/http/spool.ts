import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { platformProblems } from '../errors.js';

/**
 * Uploads too big to hold in memory (a published table of 50 MB and more, issue 15 item 4) go
 * straight to a file under the data folder, a chunk at a time: a route declares
 * `config: { spoolUpload: true }` and its multipart file, or its raw body (`spoolBody`), is written
 * there. The route claims the file (`claimSpooledUpload`) and owns it from then on; a file not
 * claimed is removed when the response is sent.
 */

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's uploaded file is written to disk as it arrives (this module), never buffered. */
    spoolUpload?: boolean;
  }
}

export interface SpooledUpload {
  path: string;
  bytes: number;
  /** The name the file had on the sender's computer (untrusted: clean it before use); '' for a raw body. */
  fileName: string;
}

/** Where uploads wait: `spool` in the data folder, readable by the owner only; a temporary folder for a throwaway database. */
export function spoolFolder(config: Pick<Config, 'dataDir'>): string {
  const dir =
    config.dataDir === 'memory://'
      ? path.join(os.tmpdir(), `ctp-spool-${process.getuid?.() ?? 'user'}`)
      : path.join(config.dataDir, 'spool');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** Writes a stream to a new file in `dir`, refusing it past `limit` bytes (the partial file removed). */
export async function spoolStream(stream: Readable, dir: string, limit: number): Promise<{ path: string; bytes: number }> {
  const file = path.join(dir, `${randomUUID()}.upload`);
  const out = fs.createWriteStream(file, { mode: 0o600 });
  let bytes = 0;
  try {
    // Read as an async iterator (as @fastify/multipart's toBuffer does): a multipart body cut short
    // destroys the part's stream, which ends this loop with "Premature close" (a 400), never a hang.
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > limit)
        throw platformProblems.bodyTooLarge(`The file is larger than the ${Math.floor(limit / 1024 / 1024)} MB this service accepts`);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  } catch (error) {
    out.destroy();
    await fs.promises.rm(file, { force: true });
    throw error;
  }
  return { path: file, bytes };
}

const spooled = new WeakMap<object, Map<string, SpooledUpload>>();

export function rememberSpooledUpload(request: object, field: string, upload: SpooledUpload): void {
  const files = spooled.get(request) ?? new Map<string, SpooledUpload>();
  files.set(field, upload);
  spooled.set(request, files);
}

/** The file spooled for `field` (`body` for a raw body), now the caller's to keep or remove; undefined when none was sent. */
export function claimSpooledUpload(request: object, field: string): SpooledUpload | undefined {
  const files = spooled.get(request);
  const upload = files?.get(field);
  files?.delete(field);
  return upload;
}

/** Spools a raw request body (a `text/csv` upload to the API) for a route that declares `spoolUpload`. */
export async function spoolBody(request: FastifyRequest, dir: string, limit: number): Promise<SpooledUpload> {
  const written = await spoolStream(request.raw, dir, limit);
  const upload = { ...written, fileName: '' };
  rememberSpooledUpload(request, 'body', upload);
  return upload;
}

/** Removes the files no route claimed, once the response is sent (or the request failed). */
export function removeUnclaimedSpools(app: FastifyInstance): void {
  app.addHook('onResponse', async (request) => {
    const files = spooled.get(request);
    if (!files) return;
    for (const upload of files.values()) await fs.promises.rm(upload.path, { force: true });
    spooled.delete(request);
  });
}
