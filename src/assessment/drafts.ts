import { AppError } from '../platform/errors.js';
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
      409,
      'stale_draft',
      'The draft has changed',
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
    super(cause.status, cause.code, cause.title, cause.message, cause.fieldErrors, { ...cause.extensions, draftVersion });
  }
}
