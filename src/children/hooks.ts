import type { User } from '../platform/auth/repository.js';
import type { Queryable, Tx } from '../platform/db.js';
import type { Viewer } from './types.js';
import type { AppError } from '../platform/errors.js';

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
  /**
   * Refuses the merge when the feature's rules forbid it, with a problem of `childProblems` (which the
   * merge route declares); runs before anything moves.
   */
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
 * A panel another feature shows on the child record page (the front line's level of need and common
 * assessments). The page includes `template` (a path under src/, like 'assessment/views/child-panel.njk')
 * where the panels go; the template sees the page's own data (child, paths, csrfToken) and `panel`:
 * what load gave, or undefined on a record merged into another (nothing is loaded for it: its details
 * are kept on the record it was merged into).
 */
export interface ChildRecordPanel<T = unknown> {
  readonly template: string;
  /** What to show of the child to this viewer; runs after the view is allowed and audited. */
  load(childId: string, viewer: User): Promise<T>;
}

/** One registered panel as the record page renders it. */
export interface LoadedChildRecordPanel {
  template: string;
  data: unknown;
}

/**
 * One kind of record another feature holds about a child (the front line's assessments, consents,
 * checklists, reviews, actions, referrals), for a subject access request: everything held about the
 * child leaves in one export (issue 14). `key` names the kind in the JSON export (`records.<key>`);
 * `title` heads its section of the readable copy.
 */
export interface SubjectAccessSection {
  key: string;
  title: string;
  records: {
    /** The record as held, for the JSON export (dates become ISO strings). */
    data: object;
    /** The same for a person to read: a heading, and each field as label and value (dates written out). */
    heading: string;
    rows: [string, string][];
  }[];
}

/** What a feature holds about a child, read inside the export's transaction, after the auditor's reason is recorded. */
export interface ChildSubjectAccessSource {
  held(db: Queryable, child: { areaCode: string; id: string }, today: string, viewer: Viewer): Promise<SubjectAccessSection[]>;
}
