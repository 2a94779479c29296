import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Db } from '../../platform/db.js';
import { isUuid } from '../../platform/ids.js';
import { FieldErrors, notFound } from '../../platform/errors.js';
import { callerOf } from '../../platform/subject-policy.js';
import { childRules, involvementRules, sectorAgeLimit } from '../subject-rules.js';
import { requireWithinSectorAge } from '../sector-age.js';
import { givenNameVariants } from './nicknames.js';
import { oneEditAway } from './one-edit.js';
import * as repo from '../records/repository.js';
import * as searchRepo from './repository.js';
import { findShieldedContact } from '../settings.js';
import * as writes from '../records/writes.js';
import type { ChildDetails, ShownInvolvement, Viewer } from '../types.js';
import { birthDatesForAges, type Check, checkNhsNumber, checkPostcode, checkSearchAge, checkUpn, SEARCH_AGE_MAX } from '../validation.js';
import { checkDateInput, type DateParts } from '../input.js';

/** Searching and reading the child index: every search and every view asks why, and is audited. */

export interface SearchCriteria {
  familyName?: string;
  givenName?: string;
  /** An exact date of birth, 'YYYY-MM-DD' or GOV.UK date boxes. */
  dateOfBirth?: string | DateParts;
  /** Or a range, 'YYYY-MM-DD' each. */
  bornFrom?: string;
  bornTo?: string;
  postcode?: string;
  /** An approximate age, whole years each (either alone too): breaks ties between equally good name matches, filters nothing. */
  ageFrom?: string;
  ageTo?: string;
  nhsNumber?: string;
  upn?: string;
  /** Which page of results, 1 or more (RESULT_LIMIT to a page). */
  page?: number;
}

export const REASON_MAX = 500;
/** Results to a page. */
export const RESULT_LIMIT = 20;

export const viewerOf = (user: User): Viewer => callerOf(user);

/** Words as child_name.family_words holds them: lower case, punctuation as single spaces. */
export const nameWords = (value: string): string =>
  value
    .toLowerCase()
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();

const filled = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

export function checkReason(errors: FieldErrors, reason: string | undefined): string {
  const value = (reason ?? '').replace(/\s+/g, ' ').trim();
  if (value === '') errors.add('reason', 'required', 'Say why you need this information');
  else if (value.length > REASON_MAX) errors.add('reason', 'max_length', `Reason must be ${REASON_MAX} characters or less`);
  return value;
}

/** Throws the field errors a search with these criteria and this reason would give, without running it. */
export function checkSearch(criteria: SearchCriteria, reasonInput: string | undefined): void {
  const errors = new FieldErrors();
  parseCriteria(criteria, errors);
  checkReason(errors, reasonInput);
  errors.throwIfAny();
}

/** More matches than this (five pages) and a name search is asked to be narrowed. */
export const NARROW_ABOVE = 5 * RESULT_LIMIT;

/** KE5, SW1A: a postcode's district (outward code) typed without the rest; null for anything else. */
export function postcodeDistrictOf(input: string): string | null {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z]{1,2}\d[A-Z\d]?$/.test(compact) ? compact : null;
}

/** The repository's name query for what was typed: words as child_name holds them, nickname forms, names one edit away. */
export function nameQueryOf(
  typed: Pick<ParsedCriteria, 'familyName' | 'givenName' | 'dateFrom' | 'dateTo' | 'postcode' | 'postcodeDistrict'> &
    Partial<Pick<ParsedCriteria, 'ageFrom' | 'ageTo'>>,
  page: searchRepo.Page,
  ageLimit: searchRepo.AgeLimit,
): searchRepo.NameQuery {
  const familyWords = nameWords(typed.familyName);
  return {
    familyWords,
    familyRaw: typed.familyName,
    givenWords: nameWords(typed.givenName),
    givenVariants: typed.givenName === '' ? [] : givenNameVariants(typed.givenName).map(nameWords),
    familyOneEdit: oneEditAway(familyWords),
    dateFrom: typed.dateFrom,
    dateTo: typed.dateTo,
    postcode: typed.postcode,
    postcodeDistrict: typed.postcodeDistrict,
    ageRange:
      typed.ageFrom == null && typed.ageTo == null
        ? null
        : birthDatesForAges(typed.ageFrom ?? 0, typed.ageTo ?? SEARCH_AGE_MAX, ageLimit.today),
    page,
    ageLimit,
  };
}

/** What a name search could add to narrow itself: a date of birth, a postcode, a given name. */
function narrowingOf(q: ParsedCriteria): ('dateOfBirth' | 'postcode' | 'givenName')[] {
  return [
    ...(q.dateFrom === null || q.dateFrom !== q.dateTo ? (['dateOfBirth'] as const) : []),
    ...(q.postcode === null ? (['postcode'] as const) : []),
    ...(q.givenName === '' ? (['givenName'] as const) : []),
  ];
}

interface ParsedCriteria {
  familyName: string;
  givenName: string;
  dateFrom: string | null;
  dateTo: string | null;
  postcode: string | null;
  /**
   * A postcode district typed on its own (KE5): in a name search it orders equally good matches and
   * filters nothing; with a date of birth and no name it filters (findChildrenByDateAndPostcode says why).
   */
  postcodeDistrict: string | null;
  /** An approximate age typed (whole years): like a district typed alone, it orders equally good matches, and filters nothing. */
  ageFrom: number | null;
  ageTo: number | null;
  nhsNumber: string | null;
  upn: string | null;
}

function parseCriteria(c: SearchCriteria, errors: FieldErrors): ParsedCriteria {
  const parsed: ParsedCriteria = {
    familyName: (c.familyName ?? '').trim(),
    givenName: (c.givenName ?? '').trim(),
    dateFrom: null,
    dateTo: null,
    postcode: null,
    postcodeDistrict: null,
    ageFrom: null,
    ageTo: null,
    nhsNumber: null,
    upn: null,
  };
  const check = <T>(field: string, result: Check<T>): T | null => {
    if (result.ok) return result.value;
    errors.add(field, result.rule, result.message);
    return null;
  };
  if (filled(c.nhsNumber)) parsed.nhsNumber = check('nhsNumber', checkNhsNumber(c.nhsNumber));
  if (filled(c.upn)) parsed.upn = check('upn', checkUpn(c.upn));
  const district = filled(c.postcode) ? postcodeDistrictOf(c.postcode) : null;
  if (district !== null) parsed.postcodeDistrict = district;
  else if (filled(c.postcode)) parsed.postcode = check('postcode', checkPostcode(c.postcode));
  if (filled(c.ageFrom)) parsed.ageFrom = check('ageFrom', checkSearchAge(c.ageFrom, 'Age from'));
  if (filled(c.ageTo)) parsed.ageTo = check('ageTo', checkSearchAge(c.ageTo, 'Age to'));
  if (parsed.ageFrom !== null && parsed.ageTo !== null && parsed.ageFrom > parsed.ageTo)
    errors.add('ageTo', 'age_order', 'Age to must be the same as or more than age from');
  const exact = checkDateInput(c.dateOfBirth);
  const from = checkDateInput(c.bornFrom, 'Born from');
  const to = checkDateInput(c.bornTo, 'Born to');
  if (exact) {
    parsed.dateFrom = check('dateOfBirth', exact);
    parsed.dateTo = parsed.dateFrom;
  } else if (from || to) {
    parsed.dateFrom = from ? check('bornFrom', from) : '1900-01-01';
    parsed.dateTo = to ? check('bornTo', to) : '2999-12-31';
    if (parsed.dateFrom && parsed.dateTo && parsed.dateFrom > parsed.dateTo)
      errors.add('bornTo', 'date_order', 'Born to must be the same as or after born from');
  }
  if (parsed.givenName !== '' && parsed.familyName === '')
    errors.add('familyName', 'required_with', 'Enter a family name as well as a given name');
  const searchable = parsed.nhsNumber || parsed.upn || parsed.familyName !== '' || parsed.dateFrom || errors.errors.length > 0;
  if (!searchable) errors.add('familyName', 'criteria', 'Enter a family name, a date of birth, an NHS number or a Unique Pupil Number');
  // A range with no name lists too many children alone: a postcode, or its district, narrows it. A postcode
  // typed but not a real one already has its own error (postcode_format), which says what to fix.
  if (
    !parsed.familyName &&
    !parsed.nhsNumber &&
    !parsed.upn &&
    parsed.dateFrom &&
    !filled(c.postcode) &&
    parsed.dateFrom !== parsed.dateTo
  ) {
    errors.add('postcode', 'criteria', 'With a range of dates and no name, enter a postcode or its first half, like KE5, too');
  }
  return parsed;
}

/** The involvements as this viewer may see them: a sensitive service outside their organisation masked (subject-rules.ts). */
export function showInvolvements(child: Pick<ChildDetails, 'involvements'>, viewer: Viewer): ShownInvolvement[] {
  return child.involvements.map((i) =>
    !involvementRules.permits(viewer, 'see service', i)
      ? {
          masked: true as const,
          id: i.id,
          practitionerName: i.practitionerName,
          phone: i.phone,
          email: i.email,
          startedOn: i.startedOn,
          endedOn: i.endedOn,
        }
      : { ...i, masked: false as const },
  );
}

export function childIndexService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  return {
    /**
     * Finds children; the terms, the reason and the ids returned go to the audit trail. `basis` says
     * on what footing someone other than the front line searched (an auditor finding whose access to report).
     */
    async search(
      user: User,
      criteria: SearchCriteria,
      reasonInput: string | undefined,
      ctx: RequestContext,
      options: { basis?: string } = {},
    ) {
      const errors = new FieldErrors();
      const q = parseCriteria(criteria, errors);
      const reason = checkReason(errors, reasonInput);
      errors.throwIfAny();
      const viewer = viewerOf(user);
      // 000 §1.15 note 4: a sector whose duty covers children under 18 does not find older young people.
      const ageLimit = { today: todayOf(clock), years: sectorAgeLimit(viewer) };
      const pageNumber = criteria.page !== undefined && Number.isInteger(criteria.page) && criteria.page >= 1 ? criteria.page : 1;
      const page = { offset: (pageNumber - 1) * RESULT_LIMIT, limit: RESULT_LIMIT };
      // Read beside the search's transaction rather than after it, one database round trip fewer in a row (ADR 0043);
      // awaited below, and marked handled so that a failed search does not leave its failure unhandled.
      const shieldedContact = findShieldedContact(db, user.areaCode, todayOf(clock));
      shieldedContact.catch(() => undefined);
      const outcome = await db.transaction(async (tx) => {
        const found =
          q.nhsNumber || q.upn
            ? await searchRepo.findChildrenByIdentifier(tx, user.areaCode, viewer, { nhsNumber: q.nhsNumber, upn: q.upn }, ageLimit, page)
            : q.familyName !== ''
              ? await searchRepo.findChildrenByName(tx, user.areaCode, viewer, nameQueryOf(q, page, ageLimit))
              : await searchRepo.findChildrenByDateAndPostcode(tx, user.areaCode, viewer, {
                  dateFrom: q.dateFrom,
                  dateTo: q.dateTo,
                  postcode: q.postcode,
                  postcodeDistrict: q.postcodeDistrict,
                  page,
                  ageLimit,
                });
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.searched',
          reason,
          details: {
            terms: q,
            page: pageNumber,
            total: found.total,
            childIds: found.results.map((r) => r.id),
            hiddenMatches: found.hiddenMatches,
            ...(options.basis ? { basis: options.basis } : {}),
          },
        });
        return found;
      });
      // Too many to look through, or more equally good matches than a page holds (issue 19 item 3): a name
      // search without a date of birth or postcode is asked to be narrowed by them.
      const byName = !q.nhsNumber && !q.upn && q.familyName !== '';
      const tooMany = outcome.capped || outcome.total > NARROW_ABOVE || outcome.equallyGood > RESULT_LIMIT;
      const narrowBy = tooMany && byName ? narrowingOf(q) : [];
      // Every search names whom to contact, whether or not a shielded record matched: answering only
      // when one did would tell the searcher a hidden record exists (domain brief §3, shielding).
      return {
        results: outcome.results,
        total: outcome.total,
        totalIsAtLeast: outcome.capped,
        equallyGood: byName ? outcome.equallyGood : 0,
        page: pageNumber,
        pageSize: RESULT_LIMIT,
        narrowBy,
        shieldedContact: await shieldedContact,
      };
    },

    /**
     * Opens a record. A record the viewer may not see is "not found", exactly like one that does not
     * exist. A view by someone with no involvement is allowed with the reason, and flagged for review.
     */
    async view(user: User, childId: string, reasonInput: string | undefined, ctx: RequestContext) {
      const errors = new FieldErrors();
      const reason = checkReason(errors, reasonInput);
      errors.throwIfAny();
      const viewer = viewerOf(user);
      return db.transaction(async (tx) => {
        const child = isUuid(childId) ? await repo.findChild(tx, user.areaCode, childId) : undefined;
        if (!child || !childRules.permits(viewer, 'view', child)) throw notFound('record');
        requireWithinSectorAge(viewer, child, clock.now());
        const involved = await repo.isInvolved(tx, child.id, viewer);
        const auditId = await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.viewed',
          subject: { type: 'child', id: child.id },
          reason,
          details: { childIds: [child.id], involved },
        });
        if (!involved)
          await writes.flagForReview(tx, {
            areaCode: user.areaCode,
            childId: child.id,
            userId: user.id,
            auditEventId: auditId,
            reason,
            viewedAt: clock.now(),
          });
        const mergedInto = child.mergedIntoId;
        return { child, involvements: showInvolvements(child, viewer), involved, mergedInto };
      });
    },
  };
}

export type ChildIndexService = ReturnType<typeof childIndexService>;
