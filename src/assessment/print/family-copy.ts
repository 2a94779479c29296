import { addDays, formatDate, formatDateTime } from '../../platform/dates.js';
import type { PdfBlock, PrintableDocument } from '../../platform/pdf.js';
import { latestConsent } from '../access.js';
import { isSharingLegalBasis, legalBasisText } from '../consent-policy.js';
import type { AssessmentDetails, Consent, TeamMember } from '../types.js';

/**
 * The copy of a common assessment given to the family (issue 14, ADR 0014): the same record in plain
 * words, not practitioners' ones. It prints what the family took part in (why, what is going well,
 * what we are worried about, their views, what we agreed and who is doing it, who is helping, the
 * consent in force, when we meet again) and leaves out what is written about others or for
 * practitioners: the household notes, the free-text list of services, the level of need, referrals.
 * A sensitive service reaches the copy only when the person printing it works for that service
 * (`printableMember`); otherwise its practitioner is left out, and an action it owns says "Another
 * service working with you".
 */

/** What the copy needs besides the episode: the child named (never a shielded record: the service refuses that). */
export interface FamilyCopyInput {
  details: AssessmentDetails & { child: { masked: false; givenName: string; familyName: string; dateOfBirth: string } };
  /** Team members whose involvement is a sensitive service this viewer may not name on the copy. */
  withheldMemberIds: ReadonlySet<string>;
  /** The organisations providing those services: not named in the consent's list either. */
  withheldOrganisationIds: ReadonlySet<string>;
  footer: PrintableDocument['footer'];
  today: string;
  /** The area's weeks between reviews (a local setting): the next meeting is that long after the last. */
  reviewEveryWeeks: number;
}

const nothingYet = 'Nothing written yet.';

const contactOf = (m: Pick<TeamMember, 'phone' | 'email'>): string =>
  [m.phone, m.email].filter((s) => s !== '').join(', ') || 'Ask your lead professional';

function consentWords(consent: Consent | undefined, withheld: ReadonlySet<string>): string {
  if (!consent) return 'No decision about consent has been recorded yet.';
  if (consent.kind === 'declined') return `On ${formatDate(consent.givenOn)} the family said no to this assessment.`;
  if (consent.kind === 'without consent') {
    return `This assessment is shared without consent because of: ${isSharingLegalBasis(consent.legalBasis) ? legalBasisText(consent.legalBasis) : consent.legalBasis}. Your lead professional can explain what this means for you.`;
  }
  const who = consent.givenByName
    ? `${consent.givenByName}${consent.givenByRelationship ? ` (${consent.givenByRelationship})` : ''}`
    : 'The family';
  const parts = [
    `${who} agreed on ${formatDate(consent.givenOn)} to this assessment being recorded${consent.toRecord ? '' : ' (not yet to it being kept on record)'}.`,
  ];
  if (consent.withdrawnAt) parts.push(`This consent was withdrawn on ${formatDateTime(consent.withdrawnAt)}.`);
  else if (consent.shareWith.length > 0) {
    const named = consent.shareWith.filter((o) => !withheld.has(o.id)).map((o) => o.name);
    if (named.length < consent.shareWith.length) named.push('another service your lead professional can tell you about');
    parts.push(`It may be shared with: ${named.join(', ')}.`);
  } else parts.push('It is not shared with other organisations.');
  return parts.join(' ');
}

export function familyCopy({
  details,
  withheldMemberIds,
  withheldOrganisationIds,
  footer,
  today,
  reviewEveryWeeks,
}: FamilyCopyInput): PrintableDocument {
  const child = details.child;
  const name = `${child.givenName} ${child.familyName}`;
  const latest = details.versions.find((v) => v.version === details.latestVersion);
  const content = latest?.content;
  const elements = details.form.domains.flatMap((d) =>
    d.elements.map((e) => ({ title: e.title, entry: content?.elements[`${d.code}.${e.code}`] })),
  );
  const strengths = elements.filter((e) => (e.entry?.strengths ?? '') !== '').map((e) => [e.title, e.entry?.strengths ?? ''] as const);
  const worries = elements.filter((e) => (e.entry?.needs ?? '') !== '').map((e) => [e.title, e.entry?.needs ?? ''] as const);
  const team = details.team.filter((m) => m.leftOn === null && !withheldMemberIds.has(m.id));
  const lead = details.leadProfessionals.find((l) => l.endedAt === null);
  const leadMember = lead ? details.team.find((m) => m.id === lead.teamMemberId) : undefined;
  const ownerName = (memberId: string, name: string) => (withheldMemberIds.has(memberId) ? 'Another service working with you' : name);
  const lastMet = details.reviews
    .map((r) => r.heldOn)
    .sort()
    .at(-1);
  const nextReview = addDays(lastMet ?? details.startedAt.toISOString().slice(0, 10), 7 * reviewEveryWeeks);
  const section = (title: string, ...blocks: PdfBlock[]): PdfBlock[] => [{ kind: 'heading', level: 2, text: title }, ...blocks];
  const para = (text: string): PdfBlock => ({ kind: 'paragraph', text: text.trim() === '' ? nothingYet : text });

  const blocks: PdfBlock[] = [
    {
      kind: 'summary',
      rows: [
        ['Name', name],
        ['Date of birth', formatDate(child.dateOfBirth)],
        ['Assessment started', formatDate(details.startedAt.toISOString())],
        ['Last written up', latest ? formatDateTime(latest.completedAt) : 'Not finished yet'],
        [
          'Where things stand',
          details.status === 'open' ? 'We are still working together' : `Finished on ${formatDateTime(details.closedAt)}`,
        ],
      ],
    },
    para(
      'This is your copy of the assessment we did together, and the plan we agreed. If anything is wrong or missing, tell your lead professional.',
    ),
    ...(content
      ? []
      : [para('The assessment has not been written up yet. This copy shows who is helping and what has been agreed so far.')]),
    ...section('Why we did this assessment', para(content?.reasonForAssessment ?? '')),
    ...section('What is going well', strengths.length > 0 ? { kind: 'summary', rows: strengths } : para('')),
    ...section('What we are worried about', worries.length > 0 ? { kind: 'summary', rows: worries } : para('')),
    ...section('What you told us', {
      kind: 'summary',
      rows: [
        [`What ${child.givenName} said`, content?.childViews || nothingYet],
        ['What parents or carers said', content?.parentViews || nothingYet],
      ],
    }),
    ...section('What we think', para(content?.conclusions ?? '')),
    ...section('What we agreed to do', agreedTable(details, ownerName)),
    ...section(
      'Who is helping',
      para(
        lead
          ? `Your lead professional is ${lead.practitionerName}. They are the person to contact first. ${leadMember ? `Contact: ${contactOf(leadMember)}.` : ''}`
          : 'No lead professional has been chosen yet.',
      ),
      team.length > 0
        ? {
            kind: 'table',
            head: ['Name', 'Service', 'Contact'],
            widths: [0.28, 0.36, 0.36],
            rows: team.map((m) => [m.practitionerName, `${m.service} (${m.organisationName})`, contactOf(m)]),
          }
        : para('No one has joined the team yet.'),
    ),
    ...section('Your consent', para(consentWords(latestConsent(details.consents), withheldOrganisationIds))),
    ...section(
      'When we will meet again',
      para(
        details.status !== 'open'
          ? 'The assessment is finished, so no more meetings are planned.'
          : `${lastMet ? `We last met on ${formatDate(lastMet)}. ` : ''}We will meet again to see how things are going by ${formatDate(nextReview)}${nextReview < today ? ' (this is overdue: your lead professional will arrange it)' : ''}.`,
      ),
    ),
  ];
  return { title: `${name}: our assessment and plan`, footer, blocks };
}

/** The plan's actions (what the team is doing now), or before there is a plan, those agreed in the assessment. */
function agreedTable(details: AssessmentDetails, ownerName: (memberId: string, name: string) => string): PdfBlock {
  const done: Record<string, string> = { 'not started': 'Not started', 'in progress': 'Started', done: 'Done', cancelled: 'Stopped' };
  if (details.actions.length > 0) {
    return {
      kind: 'table',
      head: ['What we will do', 'Who', 'By when', 'How it is going'],
      widths: [0.42, 0.22, 0.18, 0.18],
      rows: details.actions.map((a) => [
        a.action,
        ownerName(a.ownerTeamMemberId, a.ownerName),
        formatDate(a.dueOn),
        done[a.status] ?? a.status,
      ]),
    };
  }
  const agreed = details.versions.find((v) => v.version === details.latestVersion)?.content.agreedActions ?? [];
  if (agreed.length === 0) return { kind: 'paragraph', text: 'Nothing has been agreed yet.' };
  return {
    kind: 'table',
    head: ['What we will do', 'Who', 'By when'],
    widths: [0.5, 0.25, 0.25],
    rows: agreed.map((a) => [a.what, a.who, formatDate(a.byWhen) || a.byWhen]),
  };
}
