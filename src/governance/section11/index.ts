/**
 * Section 11 audits (issue 16 item 8; 000 Appendix 1 §1.2): rounds set by the LSCB, each agency under
 * the duty (derived from the partner register through section11_duty) completing its own audit, the
 * LSCB's overview, chases and challenge. Owns section11_duty (reference data), section11_round,
 * section11_round_standard, section11_audit, section11_answer and section11_chase (migration 0045).
 */
export { section11RoundsService, type Section11RoundsService } from './rounds.js';
export { section11AuditsService, type Section11AuditsService } from './audits.js';
export { section11Routes } from './routes.js';
export { section11Waiting } from './waiting.js';
export { section11Problems } from './errors.js';
export { SECTION11_AUDIT_STATUSES, SECTION11_RATINGS, SECTION11_STANDARDS } from './standards.js';
export { SECTION11_PERIOD_MONTHS, SECTION11_WEEKS_TO_COMPLETE } from './settings.js';
