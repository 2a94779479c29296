/**
 * Assessment's face for the command line (`ctp forms`): cli.ts loads it at every start, so it loads
 * the feature only when one of its commands runs (ADR 0045).
 */
export { registerFormCommands } from './forms/commands.js';
