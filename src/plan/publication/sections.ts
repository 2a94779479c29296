import { formatDate } from '../../platform/dates.js';
import { formatMoney } from '../../platform/money.js';
import type { PlanContent, PlanPriority, SectionKind } from '../types.js';
import { changes, diffText, type DiffPart } from './diff.js';

/**
 * A plan's content read section by section as words (issue 18 item 5): what a version's differences are taken
 * over, what translations are of, and what the public pages and PDF print. The priorities section carries the
 * priorities and key actions written out beneath its own words, so a changed action shows as a changed line.
 * Action status and progress notes are how the work stands, not what the board approved: left out.
 */

export interface SectionText {
  /** The section's id in the plan (stable from one version to the next). */
  id: string;
  kind: SectionKind;
  title: string;
  /** The section's own words. */
  body: string;
  /** Its words and, for the priorities section, the priorities and key actions written out: what is compared. */
  text: string;
}

const actionLine = (a: PlanPriority['actions'][number]): string =>
  [
    `Action: ${a.title}`,
    `led by ${a.lead.name}`,
    a.partners.length > 0 ? `with ${a.partners.map((p) => p.name).join(', ')}` : '',
    `from ${formatDate(a.startsOn)} to ${formatDate(a.endsOn)}`,
    a.outlineCostPence !== null ? `outline cost ${formatMoney(a.outlineCostPence)}` : '',
    a.fund ? `funded from ${a.fund.name}` : '',
  ]
    .filter((s) => s !== '')
    .join('; ');

/** A priority written out: its title and outcome, aims, indicators with their targets, and key actions, a line each. */
export function priorityLines(p: PlanPriority): string[] {
  return [
    `Priority: ${p.title} (${p.outcomeName})`,
    ...(p.description ? [p.description] : []),
    ...p.aims.map((a) => `Aim: ${a.text}`),
    ...p.indicators.map((i) => `Indicator: ${i.title}${i.targets.length > 0 ? `; targets ${i.targets.map((t) => `${t.periodLabel}: ${t.value}`).join(', ')}` : ''}`),
    ...p.actions.map(actionLine),
  ];
}

export function sectionTexts(content: PlanContent): SectionText[] {
  return content.sections.map((s) => {
    const extra = s.kind === 'priorities' ? content.priorities.flatMap((p) => ['', ...priorityLines(p)]) : [];
    return { id: s.id, kind: s.kind, title: s.title, body: s.body, text: [s.body, ...extra].join('\n').trim() };
  });
}

export type SectionChangeKind = 'unchanged' | 'changed' | 'added' | 'removed';
export interface SectionChange {
  id: string;
  title: string;
  /** The title it had before, when renamed. */
  titleBefore: string | null;
  change: SectionChangeKind;
  parts: DiffPart[];
}

/** The differences between two versions' sections, matched by section id, in the later version's order (removed ones last). */
export function sectionChanges(before: readonly SectionText[], after: readonly SectionText[]): SectionChange[] {
  const was = new Map(before.map((s) => [s.id, s]));
  const now = new Set(after.map((s) => s.id));
  const changed: SectionChange[] = after.map((s) => {
    const old = was.get(s.id);
    if (!old) return { id: s.id, title: s.title, titleBefore: null, change: 'added', parts: diffText('', s.text) };
    const parts = diffText(old.text, s.text);
    const renamed = old.title !== s.title;
    return { id: s.id, title: s.title, titleBefore: renamed ? old.title : null, change: changes(parts) || renamed ? 'changed' : 'unchanged', parts };
  });
  const removed: SectionChange[] = before
    .filter((s) => !now.has(s.id))
    .map((s) => ({ id: s.id, title: s.title, titleBefore: null, change: 'removed', parts: diffText(s.text, '') }));
  return [...changed, ...removed];
}
