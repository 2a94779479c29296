import type { Agent } from './app.js';

/** One part of a multipart form: a text field, or a file with its name and type. */
export type FormPart = { name: string; value: string } | { name: string; file: { name: string; bytes: Buffer | string; type?: string } };

/**
 * A multipart/form-data body as a browser sends it, parts in the order given (a file input before a
 * text area stays before it, as on the page).
 */
export function multipart(parts: readonly FormPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----ctp-test-boundary';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('file' in part) {
      const { name, bytes, type = 'application/octet-stream' } = part.file;
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        Buffer.from(bytes),
        Buffer.from('\r\n'),
      );
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Text fields as parts, in their order. */
export const fieldParts = (fields: Record<string, string>): FormPart[] => Object.entries(fields).map(([name, value]) => ({ name, value }));

/** Posts a form as a browser does: the agent's CSRF token, the text fields, then the file (field "file"). */
export function postFile(
  agent: Agent,
  url: string,
  file: { name: string; bytes: Buffer | string; type?: string },
  fields: Record<string, string> = {},
) {
  return agent.request({ method: 'POST', url, ...multipart([...fieldParts({ _csrf: agent.csrf, ...fields }), { name: 'file', file }]) });
}
