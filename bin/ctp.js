#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step to forget); see docs/adr/0001.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
await runCli(process.argv);
