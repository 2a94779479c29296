import { defineProblem } from '../platform/errors.js';

/** The child index's problems, each declared once: its status, stable code and title. */
export const childProblems = {
  /** Someone changed the record after this person read it (the version they sent is old). */
  stale: defineProblem(409, 'stale', 'This record has changed'),
  alreadyEnded: defineProblem(409, 'already_ended', 'Already ended'),
  currentName: defineProblem(409, 'current_name', 'The current name cannot be removed'),
  alreadyShielded: defineProblem(409, 'already_shielded', 'Already shielded'),
  notShielded: defineProblem(409, 'not_shielded', 'Not shielded'),
  shieldingRequestOpen: defineProblem(409, 'request_open', 'A request is waiting'),
  /** A shielding request or a likely duplicate someone has already decided. */
  decided: defineProblem(409, 'decided', 'Already decided'),
  /** 004 para 198: a child has one open common assessment at most (index common_assessment_one_open). */
  bothOpenAssessments: defineProblem(409, 'both_open_assessments', 'Both records have an open common assessment'),
  alreadyUndone: defineProblem(409, 'already_undone', 'Already undone'),
  mergedAgain: defineProblem(409, 'merged_again', 'Undo the later merge first'),
  reviewed: defineProblem(409, 'reviewed', 'Already reviewed'),
  ownAccess: defineProblem(403, 'own_access', 'Someone else must review this'),
  /** 000 §1.15 note 4: a sector whose duty covers children under 18 only (children/subject-rules.ts childAgeRules). */
  beyondSectorAge: defineProblem(403, 'beyond_sector_age', 'Outside your service’s age range'),
  importRefused: defineProblem(422, 'import_refused', 'The file was refused'),
  /** 004 Box 6.1: the index is for trained and vetted users; the details say what lapsed and whom to ask. */
  notAuthorisedUser: defineProblem<{ lapsed: { kind: string; expiresOn: string | null }[]; whomToAsk: string[] }>(
    403,
    'training_lapsed',
    'Your child index training or vetting is not in date',
  ),
};
