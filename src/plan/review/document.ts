import { formatDate } from '../../platform/dates.js';
import type { PdfBlock, PrintableDocument } from '../../platform/pdf.js';
import { summaryOf } from './compute.js';
import type { ReviewContent, ReviewPriority } from './types.js';

/**
 * The review as headings, paragraphs and tables, written once and read twice: the pages (signed in and
 * public) render them and the PDF draws them as typed blocks (platform/pdf.ts, ADR 0014), so the two say
 * the same in the same words.
 */

export interface ReviewTable {
  caption: string;
  head: string[];
  rows: string[][];
  widths?: number[];
}

export interface ReviewSection {
  id: string;
  heading: string;
  /** The outcome a priority serves, shown under its heading. */
  caption?: string;
  paragraphs: string[];
  tables: ReviewTable[];
}

export const reviewTitle = (c: ReviewContent): string => `${c.plan.title}: annual review ${c.yearLabel}`;

/** The opening words: the year, whether it is over, and the one-sentence summary. */
export function introOf(c: ReviewContent): string[] {
  const span = `The year from ${formatDate(c.from)} to ${formatDate(c.to)}`;
  const over = c.asAt < c.to ? `${span}, as it stood on ${formatDate(c.asAt)} (the year was not over).` : `${span}.`;
  return [over, summaryOf(c)];
}

/** Paragraphs from a narrative: its blank lines divide them. */
const paragraphsOf = (narrative: string, none: string): string[] => {
  const parts = narrative.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
  return parts.length > 0 ? parts : [none];
};

function prioritySection(p: ReviewPriority, index: number): ReviewSection {
  return {
    id: `priority-${index + 1}`,
    heading: `Priority ${index + 1}: ${p.title}`,
    caption: p.outcomeName,
    paragraphs: paragraphsOf(p.narrative, 'Nothing has been written yet on what changed for this priority.'),
    tables: [
      {
        caption: `Indicators against the year’s targets: ${p.title}`,
        head: ['Indicator', 'Target', 'Value', 'Against the target'],
        rows: p.indicators.map((i) => [
          `${i.title} (${i.code})`,
          i.targetText,
          i.earlier ? `${i.valueText} (latest: ${i.earlier.text} for ${i.earlier.period})` : i.valueText,
          i.judgementText,
        ]),
        widths: [0.4, 0.2, 0.22, 0.18],
      },
      {
        caption: `Key actions: ${p.title}`,
        head: ['Action', 'Lead partner', 'Timescale', 'Status', 'Progress in the year'],
        rows: p.actions.map((a) => [
          a.partners.length > 0 ? `${a.title} (with ${a.partners.join(', ')})` : a.title,
          a.lead,
          `${formatDate(a.startsOn)} to ${formatDate(a.endsOn)}`,
          a.statusText,
          a.progress.length === 0 ? 'No progress notes in the year' : a.progress.map((g) => `${formatDate(g.onDay)} (${g.statusText}): ${g.note}`).join('\n'),
        ]),
        widths: [0.24, 0.16, 0.16, 0.1, 0.34],
      },
    ],
  };
}

export function sectionsOf(c: ReviewContent): ReviewSection[] {
  const overall: ReviewSection = {
    id: 'what-changed',
    heading: 'What changed in the year and why',
    paragraphs: paragraphsOf(c.narrative, 'Nothing has been written yet on what changed in the year.'),
    tables: [
      {
        caption: 'Key actions by status at the end of the year',
        head: ['Status', 'Actions'],
        rows: c.totals.byStatus.map((s) => [s.statusText, String(s.count)]),
        widths: [0.7, 0.3],
      },
    ],
  };
  return [overall, ...c.priorities.map(prioritySection)];
}

/** The PDF: the title, the opening words, then each section's heading, words and tables. */
export function printableOf(c: ReviewContent, footer: PrintableDocument['footer'], note?: string): PrintableDocument {
  const blocks: PdfBlock[] = introOf(c).map((text) => ({ kind: 'paragraph', text }));
  if (note) blocks.push({ kind: 'paragraph', text: note });
  for (const s of sectionsOf(c)) {
    blocks.push({ kind: 'heading', level: 2, text: s.heading });
    if (s.caption) blocks.push({ kind: 'paragraph', text: `Outcome: ${s.caption}` });
    for (const p of s.paragraphs) blocks.push({ kind: 'paragraph', text: p });
    for (const t of s.tables) {
      blocks.push({ kind: 'heading', level: 3, text: t.caption });
      if (t.rows.length === 0) blocks.push({ kind: 'paragraph', text: 'None.' });
      else blocks.push({ kind: 'table', head: t.head, rows: t.rows, ...(t.widths ? { widths: t.widths } : {}) });
    }
  }
  return { title: reviewTitle(c), footer, blocks };
}
