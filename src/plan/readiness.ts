import { REQUIRED_SECTION_KINDS, SECTION_KIND_INFO, type PlanContent, type RequiredSectionKind } from './types.js';

/**
 * Whether a plan may be published (002 §7.3; issue 18 item 1): every required content of the regulations is a
 * section marked complete and has the partners' own words, and the priorities section has priorities, each with
 * at least one key action. Pure, over `PlanContent`: cypp-publish refuses publication while this lists anything,
 * and the plan's page says which and why.
 */
export interface PublishBlocker {
  sectionKind: RequiredSectionKind;
  /** The section's title as the plan has it (or the regulations' words when the section is missing). */
  sectionTitle: string;
  /** null when the section itself is missing. */
  sectionId: string | null;
  /** A stable code: missing, empty, not_complete, no_priorities, priority_without_actions. */
  rule: 'missing' | 'empty' | 'not_complete' | 'no_priorities' | 'priority_without_actions';
  /** Why, in words for the planner. */
  reason: string;
}

export function publishBlockers(content: PlanContent): PublishBlocker[] {
  const blockers: PublishBlocker[] = [];
  for (const kind of REQUIRED_SECTION_KINDS) {
    const section = content.sections.find((s) => s.kind === kind);
    const requires = SECTION_KIND_INFO[kind].requires;
    if (!section) {
      blockers.push({
        sectionKind: kind,
        sectionTitle: SECTION_KIND_INFO[kind].title,
        sectionId: null,
        rule: 'missing',
        reason: `The plan has no section setting out ${requires}`,
      });
      continue;
    }
    const at = { sectionKind: kind, sectionTitle: section.title, sectionId: section.id };
    if (section.body.trim() === '')
      blockers.push({ ...at, rule: 'empty', reason: `“${section.title}” has no words yet: it must set out ${requires}` });
    else if (!section.complete) blockers.push({ ...at, rule: 'not_complete', reason: `“${section.title}” is not marked complete` });
    if (kind === 'priorities') {
      if (content.priorities.length === 0)
        blockers.push({ ...at, rule: 'no_priorities', reason: 'The plan has no priorities yet: add at least one, tied to an outcome' });
      for (const p of content.priorities)
        if (p.actions.length === 0)
          blockers.push({ ...at, rule: 'priority_without_actions', reason: `The priority “${p.title}” has no key actions yet` });
    }
  }
  return blockers;
}
