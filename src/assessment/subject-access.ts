import type { ChildSubjectAccessSource, SubjectAccessSection } from '../children/index.js';
import { formatDate, formatDateTime } from '../platform/dates.js';
import { CHECKLIST_QUESTIONS } from './form.js';
import { formOfAssessment } from './forms/repository.js';
import { listAssessmentIdsOfChild, listNeedLevelChanges } from './print/repository.js';
import { listProposalsOfAssessment } from './sharing/repository.js';
import * as referralRepo from './referrals/repository.js';
import * as repo from './repository.js';
import * as teamRepo from './team/repository.js';
import type { AssessmentContent } from './types.js';
import * as workRepo from './work/repository.js';

/**
 * What front-line work holds about a child, for the auditor's subject access export (issue 14; the
 * child index's hook, ADR 0011): every assessment with its versions, draft, team and lead
 * professionals; the consents and proposals to share without consent; the pre-assessment checklists;
 * the team's reviews; the actions; the referrals; the level of need over time. Everything held, unmasked: the export is the auditor's, who answers the request.
 */

type Record_ = SubjectAccessSection['records'][number];
const text = (value: string | null | undefined): string => (value ? value : 'None recorded');

function contentRows(content: AssessmentContent, form: Awaited<ReturnType<typeof formOfAssessment>>): [string, string][] {
  const rows: [string, string][] = [
    ['Reason for the assessment', text(content.reasonForAssessment)],
    ['Family and household', text(content.family)],
    ['Services already involved', text(content.servicesInvolved)],
  ];
  for (const d of form.domains) {
    for (const e of d.elements) {
      const entry = content.elements[`${d.code}.${e.code}`];
      if (entry) rows.push([`${e.title}: strengths`, text(entry.strengths)], [`${e.title}: needs`, text(entry.needs)]);
    }
  }
  rows.push(
    ['The child’s views', text(content.childViews)],
    ['The parent or carer’s views', text(content.parentViews)],
    ['Conclusions', text(content.conclusions)],
    ['Level of need', text(content.levelOfNeed)],
    [
      'Agreed actions',
      content.agreedActions.map((a) => `${a.what} (${a.who}, by ${formatDate(a.byWhen) || a.byWhen})`).join('; ') || 'None',
    ],
  );
  return rows;
}

export const assessmentSubjectAccess: ChildSubjectAccessSource = {
  async held(db, child, today, viewer) {
    const assessments: Record_[] = [];
    const consents: Record_[] = [];
    const reviews: Record_[] = [];
    const actions: Record_[] = [];
    const referrals: Record_[] = [];
    const proposals: Record_[] = [];
    for (const id of await listAssessmentIdsOfChild(db, child.areaCode, child.id)) {
      const a = await repo.findAssessment(db, child.areaCode, id);
      if (!a) continue;
      const form = await formOfAssessment(db, a);
      const versions = await repo.listVersions(db, id);
      const team = await teamRepo.listTeam(db, id);
      const leads = await teamRepo.listLeadProfessionals(db, id);
      const started = formatDate(a.startedAt.toISOString());
      assessments.push({
        data: { ...a, versions, team, leadProfessionals: leads },
        heading: `Common assessment started ${started} by ${a.assessorName}`,
        rows: [
          ['Form', `${form.title}, version ${form.version}`],
          ['Assessor', `${a.assessorName}, ${a.assessorService}, ${a.assessorOrganisationName}`],
          ['Started', formatDateTime(a.startedAt)],
          [
            'Status',
            a.status === 'open' ? 'Open' : `Closed ${formatDateTime(a.closedAt)}: ${a.closureOutcome ?? ''} ${a.closureNote}`.trim(),
          ],
          [
            'Team',
            team
              .map(
                (m) =>
                  `${m.practitionerName} (${m.service}, ${m.organisationName}) from ${formatDate(m.joinedOn)}${m.leftOn ? ` to ${formatDate(m.leftOn)}` : ''}`,
              )
              .join('; ') || 'None',
          ],
          [
            'Lead professionals',
            leads
              .map(
                (l) => `${l.practitionerName} from ${formatDateTime(l.appointedAt)}${l.endedAt ? ` to ${formatDateTime(l.endedAt)}` : ''}`,
              )
              .join('; ') || 'None',
          ],
          ...versions.flatMap((v): [string, string][] => [
            [
              `Version ${v.version}`,
              `Completed ${formatDateTime(v.completedAt)} by ${v.completedByName}${v.changeNote ? `: ${v.changeNote}` : ''}`,
            ],
            ...contentRows(v.content, form),
          ]),
          ...(a.draft
            ? ([['Draft not yet completed', `Saved ${formatDateTime(a.draftSavedAt)}`], ...contentRows(a.draft, form)] as [
                string,
                string,
              ][])
            : []),
        ],
      });
      for (const c of await repo.listConsents(db, id)) {
        consents.push({
          data: { assessmentId: id, ...c },
          heading: `Consent: ${c.kind}, recorded ${formatDateTime(c.recordedAt)}`,
          rows: [
            ['Decision', c.kind],
            ['Given by', c.givenByName ? `${c.givenByName} (${c.givenByRelationship})` : 'None recorded'],
            ['Given on', formatDate(c.givenOn)],
            ['How', text(c.method)],
            ['To record', c.toRecord ? 'Yes' : 'No'],
            ['To share with', c.shareWith.map((o) => o.name).join(', ') || 'No one'],
            ['Legal basis (without consent)', text(c.legalBasis)],
            ['Recorded by', c.recordedByName],
            ['Withdrawn', c.withdrawnAt ? `${formatDateTime(c.withdrawnAt)} by ${c.withdrawnByName ?? ''}: ${c.withdrawalNote}` : 'No'],
          ],
        });
      }
      for (const { childShield: _shield, ...p } of await listProposalsOfAssessment(db, id)) {
        proposals.push({
          data: p,
          heading: `Proposal to share without consent, ${formatDateTime(p.proposedAt)}`,
          rows: [
            ['Legal basis', p.legalBasisText],
            ['Why', text(p.detail)],
            ['Proposed by', `${p.proposedByName}, ${p.proposedByOrganisationName}`],
            ['Decision', p.decision ?? 'Not decided yet'],
          ],
        });
      }
      for (const r of await workRepo.listReviews(db, id)) {
        reviews.push({
          data: { assessmentId: id, ...r },
          heading: `Review held ${formatDate(r.heldOn)}`,
          rows: [
            ['Who attended', text(r.attendees)],
            ...r.progress.map((p): [string, string] => [`Progress: ${p.need}`, text(p.progress)]),
            ['What was decided', text(r.decisions)],
            ['Recorded by', r.recordedByName],
          ],
        });
      }
      for (const x of await workRepo.listActions(db, id, today)) {
        actions.push({
          data: { assessmentId: id, ...x },
          heading: `Action: ${x.action}`,
          rows: [
            ['Need', text(x.need)],
            ['Who', x.ownerName],
            ['By when', formatDate(x.dueOn)],
            ['Status', x.status],
          ],
        });
      }
      for (const r of await referralRepo.listReferralsOfAssessment(db, id, viewer, today)) {
        referrals.push({
          data: r,
          heading: `Referral to ${r.toService}, ${r.toOrganisationName}, sent ${formatDateTime(r.sentAt)}`,
          rows: [
            ['Sent by', `${r.sentByName}, ${r.sentByOrganisationName}`],
            ['Reason', r.reason],
            ['Level of need sought', r.levelSought],
            ['Acknowledged', r.acknowledgedAt ? `${formatDateTime(r.acknowledgedAt)} by ${r.acknowledgedByName ?? ''}` : 'No'],
            [
              'Decision',
              r.decision
                ? `${r.decision} ${formatDateTime(r.decidedAt)} by ${r.decidedByName ?? ''}${r.decisionReason ? `: ${r.decisionReason}` : ''}`
                : 'None yet',
            ],
          ],
        });
      }
    }
    const checklists: Record_[] = (await repo.listChecks(db, child.id)).map((c) => ({
      data: c,
      heading: `Pre-assessment checklist, ${formatDateTime(c.checkedAt)}`,
      rows: [
        ...CHECKLIST_QUESTIONS.map((q): [string, string] => [q.text, text(c.answers[q.code])]),
        ['Decision', c.decision],
        ['Notes', text(c.notes)],
        ['Checked by', c.checkedByName],
      ],
    }));
    const levels: Record_[] = (await listNeedLevelChanges(db, child.id)).map((l) => ({
      data: l,
      heading: `Level of need: ${l.level}, ${formatDateTime(l.changedAt)}`,
      rows: [
        ['Level', l.level],
        ['National level', l.nationalLevel],
        ['Where it came from', l.source],
      ],
    }));
    return [
      { key: 'assessments', title: 'Common assessments', records: assessments },
      { key: 'consents', title: 'Consent decisions', records: consents },
      { key: 'sharingWithoutConsent', title: 'Proposals to share without consent', records: proposals },
      { key: 'preAssessmentChecks', title: 'Pre-assessment checklists', records: checklists },
      { key: 'reviews', title: 'Reviews by the team around the child', records: reviews },
      { key: 'actions', title: 'Actions in the plan', records: actions },
      { key: 'referrals', title: 'Referrals', records: referrals },
      { key: 'needLevels', title: 'Level of need over time', records: levels },
    ];
  },
};
