/**
 * The checks of `ctp import indicators` now live with each published layout (layouts/: the seam,
 * our long and wide layouts and the publishers' own). This module keeps the names the import, its
 * command and its page have always used.
 */
export {
  IMPORT_FAULT_KINDS,
  type ImportFault,
  type ImportFaultKind,
  type LayoutHeader as Header,
  type LayoutName as Layout,
  type Lookups,
  type Revision,
  type StagedValue,
} from './layouts/index.js';
export { normaliseCode, unknownAreaReason } from './layouts/our-columns.js';
