import { Type } from '@sinclair/typebox';
import { defineSetting } from '../../platform/settings.js';

/** What a council changes about its section 11 rounds (ADR 0010): the defaults a new round is offered. */

export const SECTION11_PERIOD_MONTHS = defineSetting({
  key: 'governance.safeguardingAuditMonths',
  feature: 'governance',
  description: 'Months a section 11 audit round covers when the LSCB gives no end to its period (000 Appendix 1 §1.2: a periodic self-audit)',
  schema: Type.Integer({ minimum: 1, maximum: 36 }),
  default: 12,
});

export const SECTION11_WEEKS_TO_COMPLETE = defineSetting({
  key: 'governance.safeguardingAuditWeeks',
  feature: 'governance',
  description: 'Weeks agencies have to complete a section 11 audit from the day the LSCB sets the round, when it gives no due date',
  schema: Type.Integer({ minimum: 1, maximum: 52 }),
  default: 8,
});
