import { checkDateInput } from '../children/index.js';
import { FieldErrors } from '../platform/errors.js';
import type { DateParts } from '../platform/http/forms.js';
import { isUuid } from '../platform/ids.js';
import type { AuditFilter, AuditPerson } from './repository.js';

/**
 * The audit trail's filters as a page's GET form or the JSON API sends them, checked into the
 * repository's filter. Each fault names its field and rule, like every form's.
 */
export interface TrailQuery {
  /** 'YYYY-MM-DD', or the three boxes of a GOV.UK date input. */
  from?: string | DateParts;
  to?: string | DateParts;
  /** A user's id: who acted. */
  person?: string;
  action?: string;
  /** A child's id: entries about the child. */
  child?: string;
  /** Older filters of the JSON API: an email containing this text, an entry's subject. */
  actor?: string;
  subjectId?: string;
  /** The page, 1 or more. */
  page?: number;
}

const ACTION_CODE = /^[a-z][a-z_]*(\.[a-z_]+)+$/;
const blank = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.trim());

/** Checks the filters; throws `validation_failed` naming each faulty field. `people` are the area's users (the person filter's choices). */
export function checkTrailQuery(areaCode: string, query: TrailQuery, people: readonly AuditPerson[]): AuditFilter {
  const errors = new FieldErrors();
  const date = (field: 'from' | 'to', label: string): string | undefined => {
    const checked = checkDateInput(query[field], label);
    if (checked === null) return undefined;
    if (checked.ok) return checked.value;
    errors.add(field, checked.rule, checked.message);
    return undefined;
  };
  const from = date('from', 'From date');
  const to = date('to', 'To date');
  if (from && to && from > to) errors.add('to', 'date_order', 'To date must be the same as or after the from date');

  const person = blank(query.person);
  if (person !== undefined && !(isUuid(person) && people.some((p) => p.id === person.toLowerCase())))
    errors.add('person', 'one_of', 'Choose a person from the list of the area’s users');
  const action = blank(query.action);
  if (action !== undefined && !ACTION_CODE.test(action)) errors.add('action', 'one_of', 'Choose an action from the list');
  const child = blank(query.child);
  if (child !== undefined && !isUuid(child))
    errors.add('child', 'record_reference', 'The child filter is not a child’s record reference: find the child again');
  errors.throwIfAny();
  return {
    areaCode,
    from,
    to,
    personId: person?.toLowerCase(),
    action,
    childId: child?.toLowerCase(),
    actor: blank(query.actor),
    subjectId: blank(query.subjectId),
  };
}

/** The filters as an audit entry records them (no area: the chain says it). */
export function filtersRecorded(f: AuditFilter): Record<string, string> {
  const { areaCode: _area, ...rest } = f;
  return Object.fromEntries(Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
