import { Type } from '@sinclair/typebox';
import { ACTION_STATUSES, PLAN_OWNERS, PLAN_STATUSES, SECTION_KINDS } from './types.js';

/** PlanContent as the API document says it (types.ts holds the TypeScript; ADR 0034). */

const Id = Type.String({ format: 'uuid' });
const Day = Type.String({ description: 'YYYY-MM-DD' });
const Moment = Type.String({ format: 'date-time' });
const Partner = Type.Object({ id: Id, name: Type.String() });

export const PlanSummarySchema = Type.Object({
  id: Id,
  areaCode: Type.String(),
  title: Type.String(),
  periodStart: Type.String({ description: 'First day of the plan’s period (YYYY-MM-DD), set locally' }),
  periodEnd: Type.String({ description: 'Last day of the plan’s period (YYYY-MM-DD)' }),
  owner: PLAN_OWNERS.schema({ description: 'authority: the children’s services authority; board: the children’s trust board (from 2010)' }),
  status: PLAN_STATUSES.schema({ description: 'draft, published (in force) or superseded; only a published plan is ever public' }),
  createdAt: Moment,
  updatedAt: Moment,
});

const Progress = Type.Object({
  id: Id,
  onDay: Day,
  note: Type.String(),
  status: ACTION_STATUSES.schema(),
  writtenByName: Type.String(),
  writtenAt: Moment,
});

const Action = Type.Object({
  id: Id,
  priorityId: Id,
  title: Type.String(),
  lead: Partner,
  partners: Type.Array(Partner, { description: 'Contributing partners besides the lead' }),
  startsOn: Day,
  endsOn: Day,
  outlineCostPence: Type.Union([Type.Integer(), Type.Null()], { description: 'Whole pence; null when not yet costed' }),
  fund: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()], {
    description: 'The pooled fund or aligned budgets that pay for it',
  }),
  status: ACTION_STATUSES.schema(),
  position: Type.Integer(),
  latestProgress: Type.Union([Progress, Type.Null()]),
});

export const PlanContentSchema = Type.Object({
  plan: PlanSummarySchema,
  sections: Type.Array(
    Type.Object({
      id: Id,
      kind: SECTION_KINDS.schema({ description: 'A required content of the regulations, or other matters the partners choose' }),
      title: Type.String(),
      body: Type.String(),
      complete: Type.Boolean(),
      position: Type.Integer(),
      updatedAt: Moment,
    }),
  ),
  priorities: Type.Array(
    Type.Object({
      id: Id,
      title: Type.String(),
      description: Type.String(),
      outcomeCode: Type.String(),
      outcomeName: Type.String(),
      aims: Type.Array(Type.Object({ code: Type.String(), text: Type.String() })),
      indicators: Type.Array(
        Type.Object({
          id: Id,
          code: Type.String(),
          title: Type.String(),
          targets: Type.Array(Type.Object({ periodLabel: Type.String(), periodStart: Day, group: Type.String(), value: Type.Number() }), {
            description: 'The outcomes feature’s targets for the indicator in the plan’s period',
          }),
        }),
      ),
      position: Type.Integer(),
      actions: Type.Array(Action),
    }),
  ),
});

export const BlockersSchema = Type.Object({
  ready: Type.Boolean({ description: 'True when every required section is complete and every priority has a key action' }),
  blockers: Type.Array(
    Type.Object({
      sectionKind: Type.String(),
      sectionTitle: Type.String(),
      sectionId: Type.Union([Id, Type.Null()]),
      rule: Type.String({ description: 'missing, empty, not_complete, no_priorities or priority_without_actions' }),
      reason: Type.String(),
    }),
  ),
});
