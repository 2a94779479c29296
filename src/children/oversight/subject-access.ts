import { formatDate, formatDateTime } from '../../platform/dates.js';
import type { PdfBlock, PrintableDocument } from '../../platform/pdf.js';
import type { SubjectAccessSection } from '../hooks.js';
import type { ChildDetails } from '../types.js';
import type { AccessEntry } from './repository.js';
import { ACTION_LABELS } from './labels.js';

/**
 * The subject access export (issue 14): everything held about a child, as JSON (a versioned shape,
 * docs/subject-access-export.md) and as a readable PDF of the same sections. The child index's own
 * record comes first, then what other features hold (their `ChildSubjectAccessSource`s), then who
 * has accessed the record.
 */

export const SUBJECT_ACCESS_FORMAT = 'ctp-subject-access/2';

/** What one export gathered, before it is written as JSON or as a document. */
export interface SubjectAccessHeld {
  child: ChildDetails;
  sections: SubjectAccessSection[];
  entries: AccessEntry[];
  producedAt: Date;
  producedBy: { name: string; email: string };
}

export function subjectAccessJson(h: SubjectAccessHeld) {
  return {
    format: SUBJECT_ACCESS_FORMAT,
    producedAt: h.producedAt.toISOString(),
    producedBy: h.producedBy.email,
    held: h.child,
    records: Object.fromEntries(h.sections.map((s) => [s.key, s.records.map((r) => r.data)])),
    accessedBy: h.entries.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
  };
}

const orNone = (value: string | null | undefined): string =>
  value === null || value === undefined || value === '' ? 'None recorded' : value;

function childBlocks(c: ChildDetails): PdfBlock[] {
  return [
    { kind: 'heading', level: 2, text: 'The child’s record in the child index' },
    {
      kind: 'summary',
      rows: [
        ['Name', `${c.givenName} ${c.familyName}`],
        ['Date of birth', formatDate(c.dateOfBirth)],
        ['Gender', orNone(c.gender)],
        ['NHS number', orNone(c.nhsNumber)],
        ['Unique pupil number', orNone(c.upn)],
        ['Address', orNone([c.addressLine1, c.addressLine2, c.town, c.postcode].filter(Boolean).join(', '))],
        ['School or setting', orNone(c.school)],
        ['GP practice', orNone(c.gpPractice)],
        ['Shielded', c.shielded ? `Since ${formatDateTime(c.shielded.at)}, by ${c.shielded.organisationName}` : 'No'],
        ['Record created', formatDateTime(c.createdAt)],
        ['Last changed', formatDateTime(c.updatedAt)],
        ['Record reference', c.id],
      ],
    },
    { kind: 'heading', level: 3, text: 'Names' },
    c.names.length > 0
      ? { kind: 'table', head: ['Name', 'Kind'], rows: c.names.map((n) => [`${n.givenName} ${n.familyName}`, n.kind]) }
      : { kind: 'paragraph', text: 'None recorded.' },
    { kind: 'heading', level: 3, text: 'Parents and carers' },
    c.carers.length > 0
      ? {
          kind: 'table',
          head: ['Name', 'Relationship', 'Contact', 'Parental responsibility'],
          rows: c.carers.map((p) => [
            p.name,
            p.relationship,
            [p.phone, p.email].filter(Boolean).join(', '),
            p.hasParentalResponsibility === null ? 'Not known' : p.hasParentalResponsibility ? 'Yes' : 'No',
          ]),
        }
      : { kind: 'paragraph', text: 'None recorded.' },
    { kind: 'heading', level: 3, text: 'Services involved' },
    c.involvements.length > 0
      ? {
          kind: 'table',
          head: ['Service', 'Practitioner', 'Contact', 'From', 'To'],
          widths: [0.26, 0.2, 0.26, 0.14, 0.14],
          rows: c.involvements.map((i) => [
            `${i.service} (${i.organisationName})${i.sensitive ? ', a sensitive service' : ''}`,
            i.role ? `${i.practitionerName}, ${i.role}` : i.practitionerName,
            [i.phone, i.email].filter(Boolean).join(', '),
            formatDate(i.startedOn),
            i.endedOn ? formatDate(i.endedOn) : 'Now',
          ]),
        }
      : { kind: 'paragraph', text: 'None recorded.' },
  ];
}

/** The same export for a person to read: a section per kind of record, dates written out. */
export function subjectAccessDocument(h: SubjectAccessHeld, areaName: string): PrintableDocument {
  const name = `${h.child.givenName} ${h.child.familyName}`;
  const blocks: PdfBlock[] = [
    {
      kind: 'paragraph',
      text: `Everything the Children’s Trust Platform holds about ${name}, and everyone who has accessed the record, as at ${formatDateTime(h.producedAt)}. Produced for a subject access request by ${h.producedBy.name}.`,
    },
    ...childBlocks(h.child),
  ];
  for (const section of h.sections) {
    blocks.push({ kind: 'heading', level: 2, text: `${section.title} (${section.records.length})` });
    if (section.records.length === 0) blocks.push({ kind: 'paragraph', text: 'None held.' });
    for (const record of section.records) {
      blocks.push({ kind: 'heading', level: 3, text: record.heading }, { kind: 'summary', rows: record.rows });
    }
  }
  blocks.push(
    { kind: 'heading', level: 2, text: `Who has accessed the record (${h.entries.length})` },
    h.entries.length > 0
      ? {
          kind: 'table',
          head: ['When', 'Who', 'What', 'Reason given'],
          widths: [0.24, 0.24, 0.26, 0.26],
          rows: h.entries.map((e) => [
            formatDateTime(e.occurredAt),
            e.role ? `${e.who} (${e.role})` : e.who,
            ACTION_LABELS[e.action] ?? e.action,
            e.reason ?? '',
          ]),
        }
      : { kind: 'paragraph', text: 'No one.' },
  );
  return { title: `Subject access request: ${name}`, footer: { areaName, printedBy: h.producedBy.name, printedAt: h.producedAt }, blocks };
}
