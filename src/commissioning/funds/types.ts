import { Type, type Static } from '@sinclair/typebox';
import { CONTRIBUTION_KINDS, ENTRY_KINDS, FUND_KINDS } from '../types.js';

/**
 * A fund as its pages and the API read it (issue 17 item 4, ADR 0028): its agreement's versions (the latest
 * agreed in force, one perhaps proposed), budget holders, contributions and entries. Money in whole pence.
 */

const Day = (description: string) => Type.String({ description: `${description} (YYYY-MM-DD)` });
const Pence = (description: string) => Type.Integer({ description: `${description}, in whole pence` });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ScopeServiceSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  serviceType: Nullable(Type.String({ description: 'The directory’s type of service (004 Table 4.4)' })),
});

export const YotApprovalSchema = Type.Object({
  approverName: Type.String(),
  approverTitle: Type.String(),
  organisationId: Type.String({ format: 'uuid' }),
  organisationName: Type.String(),
  approvedOn: Day('The day the head of the youth offending service approved'),
});

export const AgreementSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  version: Type.Integer(),
  purpose: Type.String(),
  startsOn: Day('First day of the term'),
  endsOn: Day('Last day of the term'),
  exitTerms: Type.String(),
  governance: Type.String(),
  variationReason: Type.String({ description: 'Why this version varies the one before; empty for the first' }),
  proposedByName: Type.String(),
  agreedOn: Nullable(Day('The day the partners agreed it')),
  agreedByName: Nullable(Type.String()),
  decisionId: Nullable(Type.String({ format: 'uuid', description: 'The board decision (governance) that agreed this version; null while proposed or when agreed before decisions were named' })),
  status: Type.Union([Type.Literal('proposed'), Type.Literal('in_force'), Type.Literal('superseded')]),
  services: Type.Array(ScopeServiceSchema, { description: 'The scope: the services the fund may pay for (000 §2.49)' }),
  needsYotApproval: Type.Boolean({ description: 'The scope takes in a youth offending service (000 §2.51)' }),
  yotApproval: Nullable(YotApprovalSchema),
});
export type Agreement = Static<typeof AgreementSchema>;

export const BudgetHolderSchema = Type.Object({ userId: Type.String({ format: 'uuid' }), displayName: Type.String(), role: Type.String() });
export type BudgetHolder = Static<typeof BudgetHolderSchema>;

export const ContributionSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  organisationId: Type.String({ format: 'uuid' }),
  organisationName: Type.String(),
  financialYear: Type.Integer({ description: 'By the year its April falls in: 2025 is 2025-26' }),
  kind: CONTRIBUTION_KINDS.schema(),
  amountPence: Nullable(Pence('The money, or the value put on resources in kind; null when in kind and unvalued')),
  description: Type.String(),
  reversesContributionId: Nullable(Type.String({ format: 'uuid', description: 'A correction: the contribution this reverses (its amount negated; ADR 0033)' })),
  reversalReason: Type.String({ description: 'Why it was reversed; empty for an ordinary contribution' }),
  reversedById: Nullable(Type.String({ format: 'uuid', description: 'The reversal of this contribution, once reversed' })),
});
export type Contribution = Static<typeof ContributionSchema>;

export const EntrySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  serviceId: Type.String({ format: 'uuid' }),
  serviceName: Type.String(),
  kind: ENTRY_KINDS.schema(),
  amountPence: Pence('The amount; negative in a reversal'),
  onDay: Day('The day booked for'),
  financialYear: Type.Integer(),
  organisationId: Nullable(Type.String({ format: 'uuid', description: 'Whose budget (aligned budgets); null in a pooled fund' })),
  organisationName: Nullable(Type.String()),
  settlesEntryId: Nullable(Type.String({ format: 'uuid' })),
  description: Type.String(),
  recordedByName: Type.String(),
  reversesEntryId: Nullable(Type.String({ format: 'uuid', description: 'A correction: the entry this reverses (its amount negated; ADR 0033)' })),
  reversalReason: Type.String({ description: 'Why it was reversed; empty for an ordinary booking' }),
  reversedById: Nullable(Type.String({ format: 'uuid', description: 'The reversal of this entry, once reversed' })),
});
export type Entry = Static<typeof EntrySchema>;

export const FundSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  areaCode: Type.String(),
  kind: FUND_KINDS.schema(),
  name: Type.String(),
  purpose: Type.String(),
  hostOrganisationId: Nullable(Type.String({ format: 'uuid' })),
  hostOrganisationName: Nullable(Type.String()),
  startsOn: Day('First day of the term in force'),
  endsOn: Nullable(Day('Last day of the term in force')),
  budgetHolders: Type.Array(BudgetHolderSchema),
  agreements: Type.Array(AgreementSchema, { description: 'Every version, newest first' }),
});
export type Fund = Static<typeof FundSchema>;

/** The agreement in force (the latest agreed) and the one proposed, if any. */
export const inForce = (fund: Pick<Fund, 'agreements'>): Agreement | undefined => fund.agreements.find((a) => a.status === 'in_force');
export const proposed = (fund: Pick<Fund, 'agreements'>): Agreement | undefined => fund.agreements.find((a) => a.status === 'proposed');
