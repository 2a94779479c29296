import { nameKeyOf } from './repository.js';
import type { AreaService } from './types.js';

/**
 * The options of a service select (GOV.UK Frontend's `govukSelect` items): the services offered,
 * the one chosen marked whether the form sent its id or its name. A form shown again after a
 * refusal keeps what was chosen.
 */
export function serviceItems(services: readonly AreaService[], chosen: string | undefined, prompt = 'Select a service') {
  const value = (chosen ?? '').trim();
  const picked = (s: AreaService) => value !== '' && (s.id === value || nameKeyOf(s.name) === nameKeyOf(value));
  return [{ value: '', text: prompt, selected: false }, ...services.map((s) => ({ value: s.id, text: s.name, selected: picked(s) }))];
}
