// Whether dist/ (made by `npm run build`, bin/build.js) may be run: built after the last change to any
// file under src/ (ADR 0039). bin/ctp.js asks it at every start; a stale or missing dist/ is never run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function compiledIsCurrent() {
  let built;
  try {
    built = fs.statSync(path.join(ROOT, 'dist', '.built')).mtimeMs;
  } catch {
    return false;
  }
  const src = path.join(ROOT, 'src');
  for (const entry of fs.readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs > built) return false;
  }
  return true;
}
