import type { Tx } from '../platform/db.js';
import type { AppError } from '../platform/errors.js';
import type { Viewer } from './types.js';

/**
 * Extension points of the child index (docs/adr/0011-feature-faces-and-hooks.md): where another
 * feature must act when a child record changes, or show something on it, the child index declares
 * the hook and that feature implements it. The child index never names another feature's tables.
 */

/** The two records of a merge: everything of `mergedId` moves to `keptId`. */
export interface ChildMerge {
  keptId: string;
  mergedId: string;
}

/**
 * Ids of rows a hook moved, by kind (`commonAssessments: [...]`). Stored with the merge
 * (child_merge.moved, beside the child index's own kinds), counted in its audit entry, and handed
 * back on undo, so the kinds must be named apart from the index's own and from other hooks'.
 */
export type MovedRows = Record<string, string[]>;

/**
 * What a feature moves when two child records merge, and moves back when the merge is undone.
 * Every method runs inside the merge's (or the undo's) transaction, after the two records are
 * locked and checked, so a refusal or a failure leaves nothing moved.
 */
export interface ChildMergeHook {
  /** Refuses the merge, with an AppError, when the feature's rules forbid it; runs before anything moves. */
  refuse?(tx: Tx, merge: ChildMerge): Promise<void>;
  /** Moves the merged record's rows to the kept one; returns the ids it moved, by kind. */
  moveToKept(tx: Tx, merge: ChildMerge): Promise<MovedRows>;
  /**
   * Moves back exactly what moveToKept moved. `moved` is everything the merge stored; a kind the
   * hook moves may be missing from a merge recorded before the hook moved it, which means none moved.
   */
  moveBack(tx: Tx, merge: ChildMerge, moved: Readonly<Partial<MovedRows>>): Promise<void>;
  /** The feature's refusal for a database error met while moving (a unique index said no), or undefined. */
  explainFailure?(error: unknown): AppError | undefined;
}

/**
 * A panel another feature shows on the child record page: given the child and the viewer, what to
 * show (undefined to show nothing), and the template (a path under the views root) it renders with,
 * given `panel` (the data) and `child` (the record's id).
 */
export interface ChildRecordPanel<T = unknown> {
  /** The template that renders the panel, e.g. 'assessment/child-panel.njk'. */
  readonly template: string;
  load(childId: string, viewer: Viewer): Promise<T | undefined>;
}

/** What the record page renders of one registered panel. */
export interface LoadedChildRecordPanel {
  template: string;
  data: unknown;
}
