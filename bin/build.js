#!/usr/bin/env node
// `npm run build`: compiles src/ to dist/ ahead of time (ADR 0039), so `ctp` runs JavaScript without
// tsx's loader (about 55 MB less in every process, and a faster start). Type-checks as it compiles
// (tsconfig.build.json), copies the files the modules read beside themselves (templates, data), and
// stamps the build last: bin/ctp.js runs dist/ only while the stamp is newer than every file of src/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
for (const entry of fs.readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
  const from = path.join(entry.parentPath ?? entry.path, entry.name);
  const to = path.join(dist, path.relative(src, from));
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}
fs.writeFileSync(path.join(dist, '.built'), `${new Date().toISOString()}\n`);
process.stdout.write(`Compiled src/ to dist/: ctp runs it while it is newer than every file of src/\n`);
