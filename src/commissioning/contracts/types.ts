import { Type, type Static } from '@sinclair/typebox';
import { defineEnum, type EnumValue } from '../../platform/enums.js';

/** Contracts and monitoring (issue 17 item 6, ADR 0030): the shapes the services, pages and API share. */

export const CONTRACT_KINDS = defineEnum(['contract', 'service_level_agreement']);
export type ContractKind = EnumValue<typeof CONTRACT_KINDS>;
export const CONTRACT_KIND_WORDS: Record<ContractKind, string> = {
  contract: 'Contract',
  service_level_agreement: 'Service level agreement',
};

export const MONITORING = defineEnum(['quarterly', 'monthly']);
export const MONITORING_WORDS: Record<EnumValue<typeof MONITORING>, string> = { quarterly: 'Every quarter', monthly: 'Every month' };

export const TARGET_KINDS = defineEnum(['outcome', 'activity']);
export type TargetKind = EnumValue<typeof TARGET_KINDS>;
export const TARGET_DIRECTIONS = defineEnum(['at_least', 'at_most']);
export type TargetDirection = EnumValue<typeof TARGET_DIRECTIONS>;
export const RETURN_SOURCES = defineEnum(['page', 'csv', 'api']);
export type ReturnSource = EnumValue<typeof RETURN_SOURCES>;
export const REINVESTMENT_DESTINATIONS = defineEnum(['service', 'fund', 'other']);
export type ReinvestmentDestination = EnumValue<typeof REINVESTMENT_DESTINATIONS>;

/** Where a contract stands on the clock's day. */
export const CONTRACT_STATES = defineEnum(['not_started', 'running', 'ended', 'decommissioned']);
export type ContractState = EnumValue<typeof CONTRACT_STATES>;
export const CONTRACT_STATE_WORDS: Record<ContractState, string> = {
  not_started: 'Not started',
  running: 'Running',
  ended: 'Ended',
  decommissioned: 'Decommissioned',
};

const Pence = (description: string) => Type.Integer({ description: `${description}, in whole pence` });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const TargetSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: TARGET_KINDS.schema(),
  indicatorId: Nullable(Type.String({ format: 'uuid' })),
  indicatorCode: Nullable(Type.String()),
  /** The indicator's title for an outcome target, what is counted for an activity target. */
  label: Type.String(),
  unit: Type.String({ description: 'The indicator’s unit, or "count" for an activity' }),
  targetValue: Type.Number({ description: 'The value each period must reach (at_least) or not pass (at_most)' }),
  direction: TARGET_DIRECTIONS.schema({
    description: 'From the indicator’s polarity: higher is better is at_least, lower is better at_most; activity at_least',
  }),
  /** The column a monitoring file gives it under: the indicator's code, or the activity's label. */
  column: Type.String(),
  retiredAt: Nullable(Type.String({ format: 'date-time', description: 'When it stopped applying (removed or changed after returns were judged against it); null while in force' })),
  judged: Type.Boolean({ description: 'A return has been judged against it: it can no longer be deleted, only retired' }),
});
export type Target = Static<typeof TargetSchema>;

export const ReturnValueSchema = Type.Object({
  targetId: Type.String({ format: 'uuid' }),
  value: Type.Number(),
  underTarget: Type.Boolean(),
});

export const ReturnSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  period: Type.String({ description: 'The period as written: 2025-26 Q1, or 2025-04 for a month' }),
  periodWords: Type.String(),
  periodStart: Type.String({ format: 'date' }),
  periodEnd: Type.String({ format: 'date' }),
  version: Type.Integer({ description: '1 for the first return for the period; each replacement one more' }),
  spendPence: Pence('Spent in the period'),
  notes: Type.String(),
  source: RETURN_SOURCES.schema(),
  enteredByName: Type.String(),
  enteredAt: Type.String({ format: 'date-time' }),
  replacedAt: Nullable(Type.String({ format: 'date-time' })),
  values: Type.Array(ReturnValueSchema),
  underTarget: Type.Boolean({ description: 'A value misses its target' }),
});
export type ContractReturn = Static<typeof ReturnSchema>;

export const ReinvestmentSchema = Type.Object({
  destination: REINVESTMENT_DESTINATIONS.schema(),
  toServiceId: Nullable(Type.String({ format: 'uuid' })),
  toFundId: Nullable(Type.String({ format: 'uuid' })),
  toName: Type.String({ description: 'The service’s or fund’s name, or the words given' }),
  amountPence: Pence('Amount'),
  prevention: Type.Boolean({ description: 'Reinvested in prevention and early intervention (004 §8.8)' }),
  description: Type.String(),
});

export const DecommissionSchema = Type.Object({
  decidedOn: Type.String({ format: 'date' }),
  endsOn: Type.String({ format: 'date' }),
  reasons: Type.String(),
  releasedPence: Pence('Money the ending released'),
  recordedByName: Type.String(),
  reinvestments: Type.Array(ReinvestmentSchema),
});
export type Decommission = Static<typeof DecommissionSchema>;

export const ContractSummarySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: CONTRACT_KINDS.schema(),
  title: Type.String(),
  serviceId: Type.String({ format: 'uuid' }),
  serviceName: Type.String(),
  providerKind: Nullable(Type.String()),
  providerOrganisationId: Nullable(Type.String({ format: 'uuid' })),
  providerName: Type.String({ description: 'The partner providing the service, or the provider outside the partnership by name' }),
  payingOrganisationId: Nullable(Type.String({ format: 'uuid', description: 'The partner paying a contract paid outside any fund' })),
  payingPartnerName: Nullable(Type.String()),
  valuePence: Pence('The value over the term'),
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.String({ format: 'date', description: 'The term’s end, or the decommissioning’s when earlier' }),
  monitoring: MONITORING.schema(),
  state: CONTRACT_STATES.schema(),
  spentPence: Pence('Spend reported in the current returns'),
  returnsCount: Type.Integer({ description: 'Periods returned' }),
  latestPeriod: Nullable(Type.String()),
  underTarget: Type.Boolean({ description: 'The latest return misses a target' }),
});
export type ContractSummary = Static<typeof ContractSummarySchema>;

export const ContractSchema = Type.Object({
  ...ContractSummarySchema.properties,
  commissionId: Nullable(Type.String({ format: 'uuid' })),
  commissionTitle: Nullable(Type.String()),
  fundId: Nullable(Type.String({ format: 'uuid' })),
  fundName: Nullable(Type.String()),
  agreedEndsOn: Type.String({ format: 'date', description: 'The end of the term as agreed' }),
  targets: Type.Array(TargetSchema),
  returns: Type.Array(ReturnSchema, { description: 'The current return of each period, latest first' }),
  decommission: Nullable(DecommissionSchema),
  canManage: Type.Boolean(),
  canEnterReturns: Type.Boolean(),
});
export type Contract = Static<typeof ContractSchema>;

/** A return as sent, unchecked: the period, spend as typed, and a value per target id (or column name). */
export interface ReturnInput {
  period?: string;
  spend?: string;
  notes?: string;
  values?: Record<string, string | number | undefined>;
}
