import type { Clock } from '../platform/clock.js';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { Db } from '../platform/db.js';
import { platformProblems } from '../platform/errors.js';
import type { SpooledUpload } from '../platform/http/spool.js';
import { uploadedFileLabel } from './file-sniff.js';
import { findImportJob, insertImportJob, listImportJobsOf, type ImportJob } from './import-job-sql.js';
import type { ImportJobRunner } from './import-runner.js';

/**
 * Imports from the page and the API (ADR 0018): an upload, already on disk, becomes a queued job
 * the background runner takes; the person follows it on its own page or at its own URL.
 */

/** The largest file a page or the API takes: the whole LAIT long file is about 60 MB. */
export const IMPORT_UPLOAD_LIMIT = 200 * 1024 * 1024;
/** How many of a person's imports their import page lists. */
const RECENT_IMPORTS = 10;

/** An uploaded file's name as recorded (file-sniff.ts uploadedFileLabel); `upload.csv` when it had none. */
export const cleanFileName = (name: string): string => uploadedFileLabel(name, 'upload.csv');

export interface ImportRequest {
  upload: SpooledUpload;
  importGoodRows: boolean;
}

export function importJobService({ db, spoolDir, runner, clock }: { db: Db; spoolDir: string; runner: ImportJobRunner; clock: Clock }) {
  return {
    runner,
    spoolDir,
    /** Queues the import of an uploaded file; the job owns the file from now on. */
    async queue(user: User, { upload, importGoodRows }: ImportRequest, context: RequestContext): Promise<ImportJob> {
      const job = await insertImportJob(
        db,
        {
          state: 'queued',
          fileName: cleanFileName(upload.fileName),
          spoolPath: upload.path,
          totalBytes: upload.bytes,
          options: { layout: 'auto', importGoodRows },
          actor: actorOf(user),
          areaCode: user.areaCode,
          context,
          runner: null,
        },
        clock.now(),
      );
      runner.wake();
      return job;
    },
    /** Text pasted into the page or sent inside JSON: written to the spool folder like an upload. */
    async spoolText(text: string, fileName: string): Promise<SpooledUpload> {
      const file = path.join(spoolDir, `${randomUUID()}.upload`);
      await fs.promises.writeFile(file, text.replace(/^\uFEFF/, ''), { mode: 0o600 });
      return { path: file, bytes: Buffer.byteLength(text), fileName };
    },
    /** One of the person's own imports; anyone else's is not found. */
    async job(user: User, id: string): Promise<ImportJob> {
      const job = /^[0-9a-f-]{36}$/i.test(id) ? await findImportJob(db, id) : undefined;
      if (!job || job.actor.userId !== user.id) throw platformProblems.notFound('There is no such import of yours');
      return job;
    },
    recent: (user: User): Promise<ImportJob[]> => listImportJobsOf(db, user.id, RECENT_IMPORTS),
  };
}

export type ImportJobService = ReturnType<typeof importJobService>;

/** How far a job has got, 0-100: reading by bytes, then applying by values. */
export function jobPercent(job: ImportJob): number {
  switch (job.state) {
    case 'queued':
      return 0;
    case 'reading':
      return job.totalBytes > 0 ? Math.min(50, Math.floor((job.bytesRead / job.totalBytes) * 50)) : 0;
    case 'applying':
      return 50 + (job.valuesWritten > 0 ? Math.min(49, Math.floor((job.valuesApplied / job.valuesWritten) * 50)) : 0);
    case 'done':
    case 'refused':
    case 'failed':
      return 100;
  }
}
