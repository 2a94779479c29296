#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ when `npm run build` made it and no file of src/ has changed
// since (ADR 0039: about 55 MB less, a faster start); otherwise the TypeScript sources directly
// through tsx, as ADR 0001 chose (no build step to forget: a stale or missing dist/ is never run).
// CTP_RUN_SOURCES=true runs the sources whatever dist/ holds.
import { compiledIsCurrent } from './compiled.js';

let runCli;
if (process.env.CTP_RUN_SOURCES !== 'true' && compiledIsCurrent()) {
  ({ runCli } = await import('../dist/cli.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../src/cli.ts'));
}
await runCli(process.argv);
