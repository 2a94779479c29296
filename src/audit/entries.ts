import type { ChildNameOf } from '../children/index.js';
import { formatDateTime } from '../platform/dates.js';
import { ROLE_LABELS, isRole } from '../platform/policy.js';
import { describeAction } from './actions.js';
import type { AuditEventView, AuditPerson } from './repository.js';

/**
 * An audit entry in plain words (issue 14, auditor): who, what, which child (by name where the
 * reader may see the record), when and why, with the raw codes and ids kept alongside for the CSV
 * and the JSON API.
 */

export interface ChildMention {
  id: string;
  /** The child's name, or null when the record is hidden from the reader (shielded). */
  name: string | null;
}

export interface TrailEntry {
  seq: number;
  occurredAt: Date;
  /** "2 December 2026 at 3:39pm". */
  when: string;
  /** The person's name where they are a user of the area, else what the entry recorded (an email typed at sign-in). */
  who: string;
  actorLabel: string;
  actorUserId: string | null;
  role: string;
  action: string;
  /** "Opened a child's record". */
  what: string;
  outcome: string;
  /** '' for a success; "Refused" or "Failed" otherwise. */
  outcomeWords: string;
  children: ChildMention[];
  reason: string;
  ip: string;
  requestId: string;
  subjectType: string | null;
  subjectId: string | null;
}

const OUTCOME_WORDS: Record<string, string> = { success: '', failure: 'Failed', denied: 'Refused' };

/** The children an entry is about: its subject when a child, and those it named (a search's results). */
export function childIdsOf(e: Pick<AuditEventView, 'subjectType' | 'subjectId' | 'details'>): string[] {
  const named = Array.isArray(e.details.childIds) ? e.details.childIds.map(String) : [];
  return [...new Set([...(e.subjectType === 'child' && e.subjectId ? [e.subjectId] : []), ...named])];
}

export function describeEntry(
  e: AuditEventView,
  people: ReadonlyMap<string, AuditPerson>,
  names: ReadonlyMap<string, ChildNameOf>,
): TrailEntry {
  const person = e.actorUserId ? people.get(e.actorUserId) : undefined;
  return {
    seq: e.seq,
    occurredAt: e.occurredAt,
    when: formatDateTime(e.occurredAt),
    who: person ? `${person.name} (${person.email})` : e.actorLabel,
    actorLabel: e.actorLabel,
    actorUserId: e.actorUserId,
    role: e.actorRole && isRole(e.actorRole) ? ROLE_LABELS[e.actorRole] : (e.actorRole ?? ''),
    action: e.action,
    what: describeAction(e.action),
    outcome: e.outcome,
    outcomeWords: OUTCOME_WORDS[e.outcome] ?? e.outcome,
    // A child no longer in the area's index (or never: a mistyped id in a refusal) is left out.
    children: childIdsOf(e).flatMap((id) => {
      const found = names.get(id);
      if (!found) return [];
      return [{ id, name: found.hidden ? null : found.name }];
    }),
    reason: e.reason ?? '',
    ip: e.ip,
    requestId: e.requestId,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
  };
}

/** The children of an entry in words: "Ella Watson, Sam Ng and a shielded record". */
export function childrenInWords(children: readonly ChildMention[]): string {
  const names = children.filter((c) => c.name !== null).map((c) => c.name ?? '');
  const hidden = children.length - names.length;
  const parts = [...names, ...(hidden === 0 ? [] : [hidden === 1 ? 'a shielded record' : `${hidden} shielded records`])];
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}
