import { formatDate } from '../../platform/dates.js';
import type { FundsService } from './service.js';

/** The board's decisions a version of a pool's agreement may cite, as a select's items (ADR 0033). */
export async function decisionItems(funds: FundsService, areaCode: string, chosen: string | undefined) {
  return [
    { value: '', text: 'Choose the board’s decision' },
    ...(await funds.citableDecisions(areaCode)).map((d) => ({ value: d.id, text: `${d.bodyName}, ${formatDate(d.heldOn)}: ${d.itemTitle}`, selected: d.id === chosen })),
  ];
}
