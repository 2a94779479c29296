import { Type, type Static, type TSchema } from '@sinclair/typebox';
import {
  ACTION_STATUSES,
  CHECKLIST_ANSWERS,
  CHECKLIST_DECISIONS,
  CHECKLIST_QUESTIONS,
  CLOSURE_OUTCOMES,
  elementKeys,
  NATIONAL_CAF,
  NATIONAL_NEED_LEVELS,
  REFERRAL_DECISIONS,
  REFERRAL_SIGNPOSTS,
} from './form.js';
import { SHARING_LEGAL_BASES } from './consent-policy.js';

/** Request and response schemas of the front-line API: validation, types and OpenAPI from one source. */

const Id = Type.String({ format: 'uuid' });
const DateText = Type.String({ maxLength: 10, description: 'YYYY-MM-DD (D/M/YYYY is also read)' });
const OneOf = (values: readonly string[], description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  );

export const ChildIdParams = Type.Object({ childId: Id });
export const AssessmentParams = Type.Object({ assessmentId: Id });
export const ConsentParams = Type.Object({ assessmentId: Id, consentId: Id });
export const MemberParams = Type.Object({ assessmentId: Id, memberId: Id });
export const ActionParams = Type.Object({ assessmentId: Id, actionId: Id });
export const ReferralParams = Type.Object({ referralId: Id });

// Field values are checked by the services, which name each field and rule; the schema types them.
export const ChecklistBody = Type.Object({
  answers: Type.Object(
    Object.fromEntries(
      CHECKLIST_QUESTIONS.map((q) => [
        q.code,
        Type.Optional(Type.String({ description: `${q.text} One of: ${CHECKLIST_ANSWERS.values.join(', ')}` })),
      ]),
    ),
  ),
  decision: Type.String({ description: `One of: ${CHECKLIST_DECISIONS.values.join(', ')}` }),
  notes: Type.Optional(Type.String()),
});

export const StartBody = Type.Object({
  service: Type.Optional(Type.String({ description: 'A service of the area’s list (GET /api/services): its id, or its exact name; defaults to the service the assessor’s job title names' })),
  onBehalfOf: Type.Optional(Type.String({ description: 'Whom the assessment is done for, when on another’s behalf (004 paras 191-192)' })),
  form: Type.Optional(
    Type.String({
      description:
        'The code of the form: caf-national (the default) or a local form the area has published; its latest published version is used',
    }),
  ),
});

export const ConsentBody = Type.Object({
  kind: Type.String({ description: 'given, declined, or without consent' }),
  givenByName: Type.Optional(Type.String()),
  givenByRelationship: Type.Optional(Type.String({ description: 'child or young person, or parent or carer' })),
  toRecord: Type.Optional(Type.Boolean()),
  shareWith: Type.Optional(Type.Array(Type.String(), { description: 'Ids of organisations the assessment may be shared with' })),
  givenOn: Type.Optional(DateText),
  method: Type.Optional(Type.String({ description: 'in writing, or verbally' })),
});

export const ProposalParams = Type.Object({ proposalId: Id });
export const ProposalBody = Type.Object({
  legalBasis: Type.String({ description: `One of: ${SHARING_LEGAL_BASES.map((b) => `${b.code} (${b.text})`).join('; ')}` }),
  detail: Type.String({ description: 'The particulars: what the risk, crime, order or duty is, and why consent is not sought' }),
});
export const ProposalDecisionBody = Type.Object({
  decision: Type.String({ description: 'approved or rejected' }),
  note: Type.Optional(Type.String()),
});

export const WithdrawBody = Type.Object({ note: Type.Optional(Type.String()) });

const ElementEntry = Type.Object({ strengths: Type.Optional(Type.String()), needs: Type.Optional(Type.String()) });
const elementProperties = Object.fromEntries(
  NATIONAL_CAF.domains.flatMap((d) =>
    d.elements.map((e) => [`${d.code}.${e.code}`, Type.Optional({ ...ElementEntry, description: `${d.title}: ${e.title}` } as TSchema)]),
  ),
);

export const AssessmentContentSchema = Type.Object(
  {
    reasonForAssessment: Type.Optional(Type.String()),
    family: Type.Optional(Type.String()),
    servicesInvolved: Type.Optional(Type.String()),
    elements: Type.Optional(
      Type.Object(elementProperties, {
        description: `Strengths and needs by element (domain.element) of the assessment's form; the national form's are ${elementKeys(NATIONAL_CAF).join(', ')}`,
        additionalProperties: ElementEntry,
      }),
    ),
    childViews: Type.Optional(Type.String()),
    parentViews: Type.Optional(Type.String()),
    conclusions: Type.Optional(Type.String()),
    agreedActions: Type.Optional(
      Type.Array(
        Type.Object({ who: Type.Optional(Type.String()), what: Type.Optional(Type.String()), byWhen: Type.Optional(Type.String()) }),
      ),
    ),
    levelOfNeed: Type.Optional(Type.String({ description: 'The name of one of the area’s levels of need (GET /api/levels-of-need)' })),
  },
  { description: 'What the practitioner wrote: see src/assessment/form.ts for the elements' },
);

const DraftVersionField = Type.Integer({
  minimum: 0,
  description: 'The draftVersion you read (0 when there was no draft): a save based on an older one is refused with 409 stale_draft',
});

export const DraftBody = Type.Object({ draftVersion: DraftVersionField, content: AssessmentContentSchema });
export const DraftSaved = Type.Object({ draftVersion: Type.Integer({ description: 'Send this with your next save' }) });

export const CompleteBody = Type.Object({
  draftVersion: DraftVersionField,
  content: AssessmentContentSchema,
  changeNote: Type.Optional(Type.String({ description: 'What changed since the last version (required from version 2)' })),
});

export const MemberBody = Type.Object({
  userId: Type.Optional(Type.String({ description: 'A practitioner of the area; their name, organisation and email are used' })),
  service: Type.String({ description: 'A service of the area’s list (GET /api/services): its id, or its exact name' }),
  organisationId: Type.Optional(Type.String()),
  practitionerName: Type.Optional(Type.String()),
  role: Type.Optional(Type.String()),
  phone: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  joinedOn: Type.Optional(DateText),
});
export const LeaveBody = Type.Object({ leftOn: Type.Optional(DateText) });
export const LeadBody = Type.Object({
  teamMemberId: Type.String(),
  criteriaMet: Type.Array(Type.String(), { description: 'Each of the area’s criteria, confirmed' }),
  handoverNote: Type.Optional(Type.String()),
});
export const ActionBody = Type.Object({
  need: Type.Optional(Type.String()),
  action: Type.String(),
  ownerTeamMemberId: Type.String(),
  dueOn: DateText,
});
export const ActionStatusBody = Type.Object({ status: Type.String({ description: `One of: ${ACTION_STATUSES.values.join(', ')}` }) });
export const ReviewBody = Type.Object({
  heldOn: Type.Optional(DateText),
  attendees: Type.String(),
  progress: Type.Optional(Type.Array(Type.Object({ need: Type.Optional(Type.String()), progress: Type.Optional(Type.String()) }))),
  decisions: Type.String(),
  levelOfNeed: Type.Optional(Type.String()),
});
export const CloseBody = Type.Object({
  outcome: Type.String({ description: `One of: ${CLOSURE_OUTCOMES.values.join(', ')}` }),
  note: Type.String(),
});
export const ReferralBody = Type.Object({
  toOrganisationId: Type.String(),
  toService: Type.String({ description: 'A service of the area’s list (GET /api/services): its id, or its exact name' }),
  reason: Type.String(),
  levelSought: Type.String({ description: 'The name of one of the area’s levels of need (GET /api/levels-of-need)' }),
});
export const DecisionBody = Type.Object({
  decision: Type.String({ description: `One of: ${REFERRAL_DECISIONS.values.join(', ')}` }),
  reason: Type.Optional(Type.String({ description: 'Required to return the referral or to take no further action' })),
  allocatedTo: Type.Optional(
    Type.String({ description: 'The id of a worker of your organisation: required to allocate, optional on acceptance' }),
  ),
  namedLead: Type.Optional(Type.String({ description: 'To step down: the id of the practitioner of the area who leads the early help' })),
  signpostedTo: Type.Optional(Type.String({ description: `To signpost: one of ${REFERRAL_SIGNPOSTS.values.join(', ')}` })),
  strategyDiscussionOn: Type.Optional(Type.String({ description: 'For a strategy discussion: its date (YYYY-MM-DD)' })),
});

export const ReasonQuery = Type.Object({ reason: Type.Optional(Type.String({ description: 'Why you need this information (audited)' })) });
export const LevelOfNeedSchema = Type.Object({
  childId: Id,
  needLevel: Type.Union([
    Type.Object({
      level: Type.String({ description: 'The level as the area named it when it was given' }),
      nationalLevel: NATIONAL_NEED_LEVELS.schema({ description: 'The level of 004 Table 4.1 it counts as across areas' }),
      changedAt: Type.String({ format: 'date-time' }),
      source: Type.String({ description: 'What set it, like "common assessment version 2"' }),
    }),
    Type.Null(),
  ]),
  withheld: Type.Optional(
    Type.String({
      description: 'Present when the level of need is withheld from you (needLevel is then null), saying why: it is shown only to the team around the child and those the family’s consent covers',
    }),
  ),
});
export const CriteriaSchema = Type.Object({
  criteria: Type.Array(Type.String(), { description: 'Each must be confirmed, word for word, to appoint a lead professional' }),
});

export const Created = Type.Object({ id: Id });
export const VersionCreated = Type.Object({ version: Type.Integer({ minimum: 1 }) });
export const Imported = Type.Object({ assessmentId: Id, childId: Id, createdChild: Type.Boolean() });

/** Responses: the main fields are documented; nested records are passed through as the services give them. */
const Open = (properties: Record<string, TSchema>, description?: string) =>
  Type.Object(properties, { additionalProperties: true, ...(description ? { description } : {}) });

export const SummarySchema = Open({
  id: Id,
  childId: Id,
  childName: Type.String(),
  status: OneOf(['open', 'closed']),
  assessorName: Type.String(),
  assessorService: Type.String(),
  latestVersion: Type.Integer(),
  leadProfessionalName: Type.Union([Type.String(), Type.Null()]),
  overdueActions: Type.Integer(),
});

export const DetailsSchema = Open(
  {
    id: Id,
    childId: Id,
    status: OneOf(['open', 'closed']),
    formCode: Type.String(),
    formVersion: Type.String(),
    latestVersion: Type.Integer(),
    draftVersion: Type.Integer({ description: 'Send it back with a draft save or completion' }),
    basis: Open(
      { kind: Type.String() },
      'Why the assessment is shared with you: own organisation, consent, or without consent (with its legal basis)',
    ),
    child: Open({}),
    draft: Type.Union([AssessmentContentSchema, Type.Null()]),
    consents: Type.Array(Open({})),
    sharingProposals: Type.Array(Open({}), { description: 'Proposals to share without consent; one may be waiting for approval' }),
    versions: Type.Array(Open({ version: Type.Integer(), content: AssessmentContentSchema })),
    team: Type.Array(Open({})),
    leadProfessionals: Type.Array(Open({})),
    actions: Type.Array(Open({})),
    reviews: Type.Array(Open({})),
    referrals: Type.Array(Open({})),
  },
  'A common assessment episode: the assessment and its versions, consent, the team around the child, lead professional, plan, reviews and referrals',
);

export const ReferralSchema = Open({
  id: Id,
  childName: Type.String(),
  toService: Type.String(),
  toServiceId: Id,
  decision: Type.Union([Type.String(), Type.Null()]),
  overdue: Type.Boolean(),
});
export const ReceivedReferralSchema = Type.Object({
  referral: ReferralSchema,
  attached: Type.Union([Open({ version: Type.Integer(), content: AssessmentContentSchema }), Type.Null()], {
    description: 'The assessment the referral carries; null to a team member of an organisation it is not shared with',
  }),
  seenAs: Type.Union([Type.Literal('receiving service'), Type.Literal('team')], {
    description: 'The service the referral was sent to (which responds), or the team around the child that sent it (which reads the reply)',
  }),
  child: Open({ masked: Type.Boolean(), name: Type.String() }),
  consent: Type.Union([Open({}), Type.Null()]),
  latestReview: Type.Union([Open({}), Type.Null()]),
});

export const ProposalSchema = Open(
  {
    id: Id,
    assessmentId: Id,
    childId: Id,
    childName: Type.String(),
    legalBasis: OneOf(SHARING_LEGAL_BASES.map((b) => b.code)),
    legalBasisText: Type.String(),
    detail: Type.String(),
    proposedByName: Type.String(),
    proposedAt: Type.String({ format: 'date-time' }),
    ownProposal: Type.Boolean({ description: 'You proposed it: another person must decide it' }),
  },
  'A proposal to share an assessment without consent, waiting for a designated safeguarding lead or a practice manager',
);

export const Portable = Open(
  { format: Type.Literal('ctp-common-assessment'), formatVersion: Type.Integer() },
  'See docs/portable-assessment-format.md and schemas/common-assessment-v1.schema.json',
);

export type ChecklistBody = Static<typeof ChecklistBody>;
