import { AppError, validationFailed } from '../platform/errors.js';
import { assessmentProblems } from './errors.js';
import type { AssessmentContent, AssessmentRecord } from './types.js';

/**
 * Lost updates on drafts (issue 11, ADR 0006): a save carries the draft version it was based on.
 * 'any' is for loading history (the demo), where nobody else can be editing.
 */
export type DraftVersion = number | 'any';

/** What the other person saved, as a stale save is told it. */
export interface CurrentDraft {
  draftVersion: number;
  draft: AssessmentContent | null;
  savedByName: string | null;
  savedAt: Date | null;
}

/** Someone saved the draft since this person read it: nothing is overwritten, and what they saved is shown. */
export class StaleDraftError extends AppError {
  constructor(readonly current: CurrentDraft) {
    const by = current.savedByName ? `${current.savedByName} saved` : 'Someone changed';
    super(
      assessmentProblems.staleDraft.status,
      assessmentProblems.staleDraft.code,
      assessmentProblems.staleDraft.title,
      `${by} the draft after you opened it, so your changes were not saved. Check what they saved, then save again to replace it.`,
      [],
      { current: { ...current, savedAt: current.savedAt?.toISOString() ?? null } },
    );
  }
}

export const staleDraft = (a: AssessmentRecord): StaleDraftError =>
  new StaleDraftError({ draftVersion: a.draftVersion, draft: a.draft, savedByName: a.draftSavedByName, savedAt: a.draftSavedAt });

/** A completion refused after its draft was saved: says the draft's new version, so the next save is not stale. */
export class CompletionRefused extends AppError {
  constructor(
    cause: AppError,
    readonly draftVersion: number,
  ) {
    super(cause.status, cause.code, cause.title, cause.message, cause.fieldErrors, { ...cause.details, draftVersion });
  }
}

/** One member of a JSON object as sent, or undefined. */
export const fieldOf = (body: unknown, key: string): unknown =>
  body && typeof body === 'object' && !Array.isArray(body) ? (Object.entries(body).find(([k]) => k === key)?.[1] ?? undefined) : undefined;

/** Top-level members the body should not have, refused by name rather than dropped (issue 11). */
export function refuseUnknownFields(body: unknown, known: string[]): void {
  if (!body || typeof body !== 'object') return;
  const unknown = Object.keys(body).filter((k) => !known.includes(k));
  if (unknown.length > 0)
    throw validationFailed(unknown.map((field) => ({ field, rule: 'unknown_field', message: `${field} is not a field of this request` })));
}
