import { FieldErrors } from '../../platform/errors.js';
import { COMMISSION_STAGES, COMMISSION_STAGE_LABELS, type CommissionStage } from '../types.js';

/**
 * The order rules of the commissioning cycle (ADR 0029; 004 Table 5.1: needs assessment, plan, procure,
 * contract, monitor and review, decommissioning included):
 *
 * - forward one stage at a time, so no stage is skipped unrecorded;
 * - back to any earlier stage, with the reason (a review that sends a service back to planning, a failed
 *   tender back to sourcing);
 * - needs analysis is left only when it cites the needs assessment or an indicator (000 §2.46: the link
 *   between the allocation of funding and the identification of needs);
 * - decommissioning is entered only from review, with the reason and where the money goes (004 §8.8:
 *   savings reinvested in prevention), and is the end: a service commissioned again is a new commission.
 */

export const FIRST_STAGE: CommissionStage = 'needs_analysis';
const ORDER = COMMISSION_STAGES.values;
export const stageIndex = (stage: CommissionStage): number => ORDER.indexOf(stage);
export const nextStage = (stage: CommissionStage): CommissionStage | undefined => ORDER[stageIndex(stage) + 1];
export const label = (stage: CommissionStage): string => COMMISSION_STAGE_LABELS[stage];

export interface MoveFacts {
  from: CommissionStage;
  /** Whether the commission's needs analysis cites the needs assessment or an indicator. */
  needsCited: boolean;
}

/** The stages a commission may move to now, with whether each needs a reason. */
export function movesFrom(from: CommissionStage): { stage: CommissionStage; forward: boolean }[] {
  if (from === 'decommissioning') return [];
  const next = nextStage(from);
  const back = ORDER.slice(0, stageIndex(from)).filter((s) => s !== 'decommissioning');
  return [...(next ? [{ stage: next, forward: true }] : []), ...back.map((stage) => ({ stage, forward: false }))];
}

/** Checks a move; throws field errors naming `toStage` or `reason` and the rule broken. */
export function checkMove(facts: MoveFacts, to: unknown, reason: string): CommissionStage {
  const errors = new FieldErrors();
  if (!COMMISSION_STAGES.is(to)) {
    errors.add('toStage', 'one_of', 'Select the stage to move the commission to');
    errors.throwIfAny();
  }
  const target = to as CommissionStage;
  const { from } = facts;
  if (from === 'decommissioning') errors.add('toStage', 'decommissioned', 'A decommissioned service stays decommissioned: start a new commission to commission it again');
  else if (target === from) errors.add('toStage', 'changes', `The commission is already at ${label(from).toLowerCase()}`);
  else if (stageIndex(target) > stageIndex(from)) {
    if (target !== nextStage(from))
      errors.add('toStage', 'one_at_a_time', `Move forward one stage at a time: from ${label(from).toLowerCase()} the next stage is ${label(nextStage(from) ?? from).toLowerCase()}`);
    else if (from === 'needs_analysis' && !facts.needsCited)
      errors.add('toStage', 'needs_cited', 'Cite the needs assessment or an indicator as evidence before leaving needs analysis');
    else if (target === 'decommissioning' && reason === '')
      errors.add('reason', 'required', 'Say why the service is decommissioned and where its money goes (for example, reinvested in prevention)');
  } else if (reason === '') errors.add('reason', 'required', `Say why the commission goes back to ${label(target).toLowerCase()}`);
  errors.throwIfAny();
  return target;
}
