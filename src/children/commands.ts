/**
 * The child index's face for the command line (`ctp import children`): the import alone. cli.ts loads
 * it when the command runs; the feature's index.ts would bring the pages, search and API as well,
 * about 50 MB of a process that holds the embedded database beside the rows it imports (ADR 0045).
 */
export { importChildren, type ImportProgress, type ImportReport } from './import/service.js';
