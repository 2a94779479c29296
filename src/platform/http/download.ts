import type { FastifyReply } from 'fastify';

/** A file someone uploaded, as a feature hands it back: its own name, the type its bytes showed, its bytes. */
export interface UploadedFileDownload {
  fileName: string;
  contentType: string;
  content: Buffer | Uint8Array;
}

/** A Content-Disposition header offering the file for download under its own name (RFC 6266: a plain fallback and the UTF-8 name). */
export function downloadDisposition(fileName: string): string {
  const plain = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Sends an uploaded file as a download, never shown in the browser: the type its bytes showed,
 * nosniff, a sandbox should it be opened, and no caching (ADR 0015).
 */
export function sendUploadedFile(reply: FastifyReply, file: UploadedFileDownload): FastifyReply {
  return reply
    .header('content-disposition', downloadDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'no-store')
    .type(file.contentType)
    .send(file.content);
}
