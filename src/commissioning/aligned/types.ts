import { Type, type Static } from '@sinclair/typebox';
import { ContributionSchema, EntrySchema } from '../funds/types.js';

/** Aligned budgets' entities (issue 17 item 5; ADR 0032). Money is whole pence (platform/money.ts), an integer in JSON. */

const Pence = (description: string) => Type.Integer({ description: `${description}, in whole pence` });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const AlignedFundSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  areaCode: Type.String(),
  name: Type.String(),
  purpose: Type.String({ description: 'The shared purpose the partners align their budgets to' }),
  startsOn: Type.String({ description: 'First day bookings may fall on (YYYY-MM-DD)' }),
  endsOn: Nullable(Type.String({ description: 'Last day bookings may fall on (YYYY-MM-DD); null while open' })),
  budgetHolderIds: Type.Array(Type.String({ format: 'uuid' }), { description: 'Users besides the commissioner who may book on it' }),
});
export type AlignedFund = Static<typeof AlignedFundSchema>;

/** A partner's budget or contribution in kind, and a booking on a partner's line: the funds' own rows (ADR 0033). */
export { ContributionSchema as AlignedContributionSchema, EntrySchema as AlignedEntrySchema } from '../funds/types.js';
export type { Contribution as AlignedContribution, Entry as AlignedEntry } from '../funds/types.js';

/** The pooled funds' statement (commissioning/funds/statement.ts, ADR 0028) as JSON. */
const StatementLineSchema = Type.Object({
  year: Nullable(Type.Integer({ description: 'The year its April falls in; null in the total' })),
  label: Type.String(),
  contributedPence: Pence('Money contributed (the budgets)'),
  inKindValuedPence: Pence('Contributions in kind with a value'),
  inKindUnvalued: Type.Integer({ description: 'Contributions in kind left unvalued: counted, never summed' }),
  committedPence: Pence('Commitments not yet settled by spending'),
  spentPence: Pence('Spending'),
  remainingPence: Pence('Contributed less committed and spent'),
  balancePence: Pence('The remaining of this year and all before it'),
});

export const FundStatementSchema = Type.Object({
  fundId: Type.String(),
  fundName: Type.String(),
  kind: Type.String(),
  lines: Type.Array(StatementLineSchema),
  total: StatementLineSchema,
  partners: Type.Array(
    Type.Object({
      organisationId: Type.String(),
      organisationName: Type.String(),
      basis: Type.String({ description: 'own: the entries name the partner (aligned budgets)' }),
      lines: Type.Array(StatementLineSchema),
      total: StatementLineSchema,
    }),
  ),
  byService: Type.Array(
    Type.Object({ serviceId: Type.String(), serviceName: Type.String(), committedPence: Pence('Committed'), spentPence: Pence('Spent') }),
  ),
  unattributed: Type.Object({ committedPence: Pence('Committed'), spentPence: Pence('Spent') }),
});

export const AlignedFundDetailSchema = Type.Object({
  fund: AlignedFundSchema,
  contributions: Type.Array(ContributionSchema),
  entries: Type.Array(EntrySchema),
  statement: FundStatementSchema,
});

/** What a form or the API sends to set up aligned budgets. */
export interface AlignedFundInput {
  name?: string;
  purpose?: string;
  startsOn?: string;
  endsOn?: string | null;
  budgetHolderIds?: string[];
}

/** A partner's budget (or a contribution in kind) for a year. */
export interface BudgetInput {
  organisationId?: string;
  financialYear?: string | number;
  kind?: string;
  /** Typed pounds and pence from a form ("1234.56"), or whole pence from the API. */
  amount?: string | number | null;
  description?: string;
}
