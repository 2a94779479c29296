import { formatDate } from '../../platform/dates.js';
import { formatMoney } from '../../platform/money.js';
import type { PdfBlock, PrintableDocument } from '../../platform/pdf.js';
import type { PlanPriority } from '../types.js';
import type { PublishedPlan, PublishedTranslation } from './public.js';

/**
 * The published plan as printable documents (issue 18 item 6; 002 §7.3 and regulation 6(c): copies the public
 * can take away), laid out by platform/pdf.ts: the plan, its summary for children and young people on its own,
 * and a translation in a language the embedded font can print (languages.ts PRINTABLE_LANGUAGES). Each is the
 * same words as its page, in the same order.
 */

type Footer = PrintableDocument['footer'];

/** A section's words as paragraphs: a blank line starts a new one; lines inside one stay together. */
export const paragraphsOf = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');

const paragraphs = (text: string): PdfBlock[] => paragraphsOf(text).map((p) => ({ kind: 'paragraph', text: p }));

export const versionFacts = (plan: PublishedPlan): (readonly [string, string])[] => [
  ['Period', `${formatDate(plan.periodStart)} to ${formatDate(plan.periodEnd)}`],
  ['Version', String(plan.version.number)],
  ['Approved', `By ${plan.version.decidedBy} on ${formatDate(plan.version.approvedOn)}`],
  ['Published', formatDate(plan.version.publishedAt.toISOString().slice(0, 10))],
];

const priorityBlocks = (p: PlanPriority): PdfBlock[] => [
  { kind: 'heading', level: 3, text: p.title },
  { kind: 'paragraph', text: `Outcome: ${p.outcomeName}` },
  ...paragraphs(p.description),
  ...(p.aims.length > 0 ? [{ kind: 'paragraph' as const, text: `Aims: ${p.aims.map((a) => a.text).join('; ')}` }] : []),
  ...(p.indicators.length > 0
    ? [
        {
          kind: 'table' as const,
          head: ['How we will know', 'Targets'],
          rows: p.indicators.map((i) => [i.title, i.targets.map((t) => `${t.periodLabel}: ${t.value}`).join(', ') || 'None set']),
          widths: [0.55, 0.45],
        },
      ]
    : []),
  ...(p.actions.length > 0
    ? [
        {
          kind: 'table' as const,
          head: ['Key action', 'Led by', 'When', 'Outline cost', 'Paid from'],
          rows: p.actions.map((a) => [
            a.partners.length > 0 ? `${a.title} (with ${a.partners.map((x) => x.name).join(', ')})` : a.title,
            a.lead.name,
            `${formatDate(a.startsOn)} to ${formatDate(a.endsOn)}`,
            a.outlineCostPence !== null ? formatMoney(a.outlineCostPence) : 'Not costed yet',
            a.fund?.name ?? '',
          ]),
          widths: [0.3, 0.2, 0.2, 0.15, 0.15],
        },
      ]
    : []),
];

/** The plan in force as a PDF: its facts, then each section, the priorities and key actions under theirs. */
export function planDocument(plan: PublishedPlan, footer: Footer): PrintableDocument {
  const blocks: PdfBlock[] = [{ kind: 'summary', rows: versionFacts(plan) }];
  for (const s of plan.sections) {
    blocks.push({ kind: 'heading', level: 2, text: s.title }, ...paragraphs(s.body));
    if (s.kind === 'priorities') blocks.push(...plan.priorities.flatMap(priorityBlocks));
  }
  return { title: plan.title, footer, blocks };
}

/** The summary for children and young people as a PDF of its own. */
export function summaryDocument(plan: PublishedPlan, footer: Footer): PrintableDocument {
  return {
    title: `${plan.title}: the short version for children and young people`,
    footer,
    blocks: [
      ...paragraphs(plan.version.childrenSummary),
      { kind: 'paragraph', text: `The whole plan: version ${plan.version.number}, approved by ${plan.version.decidedBy} on ${formatDate(plan.version.approvedOn)}.` },
    ],
  };
}

/** A translation as a PDF (Latin-script languages only): the summary, then each section translated; the rest named. */
export function translationDocument(plan: PublishedTranslation, footer: Footer): PrintableDocument {
  const blocks: PdfBlock[] = [];
  if (plan.summary) blocks.push({ kind: 'heading', level: 2, text: plan.summary.title || plan.summary.englishTitle }, ...paragraphs(plan.summary.body));
  for (const part of plan.translated) blocks.push({ kind: 'heading', level: 2, text: part.title }, ...paragraphs(part.body));
  if (plan.untranslated.length > 0)
    blocks.push(
      { kind: 'heading', level: 2, text: 'Not yet translated' },
      { kind: 'paragraph', text: `These sections are in the English plan only: ${plan.untranslated.map((s) => s.title).join('; ')}.` },
    );
  return { title: plan.translatedTitle ?? plan.title, footer, blocks, lang: plan.language.code };
}
