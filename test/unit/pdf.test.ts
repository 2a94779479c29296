import { describe, expect, it } from 'vitest';
import { outlineOf, streamPdf, type PrintableDocument } from '../../src/platform/pdf.js';
import { readPdf } from '../helpers/pdf.js';

/** The printable module: a tagged, titled, paged PDF whose text reads as the blocks say. */

async function bytesOf(doc: PrintableDocument): Promise<Buffer> {
  const { stream, done } = streamPdf(doc);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  await done;
  return Buffer.concat(chunks);
}

const footer = { areaName: 'Kestrelshire Children’s Trust', printedBy: 'Pat Practitioner', printedAt: new Date('2026-12-02T15:39:00Z') };

describe('printable documents', () => {
  it('writes headings, paragraphs, summary lists and tables, with metadata, tags and a footer on each page', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [
      `Row ${i + 1}`,
      `A longer cell that wraps over more than one line in its column, number ${i + 1}`,
      '1 March 2027',
    ]);
    const doc: PrintableDocument = {
      title: 'Ella’s plan',
      footer,
      blocks: [
        { kind: 'heading', level: 2, text: 'What is going well' },
        { kind: 'paragraph', text: 'Ella enjoys school and her attendance is good.' },
        {
          kind: 'summary',
          rows: [
            ['Date of birth', '15 June 2014'],
            ['Lead professional', 'Sam Lead'],
          ],
        },
        { kind: 'table', head: ['What', 'Detail', 'By when'], rows, widths: [0.2, 0.55, 0.25] },
      ],
    };
    const pdf = readPdf(await bytesOf(doc));
    expect(pdf.header).toMatch(/^%PDF-1\.7/);
    expect(pdf.pages).toBeGreaterThan(2);
    expect(pdf.objects).toContain('/Lang (en-GB)');
    expect(pdf.title).toBe('Ella’s plan');
    expect(pdf.objects).toContain('/StructTreeRoot');
    expect(pdf.objects).toContain('/Marked true');
    expect(pdf.objects).toContain('/DisplayDocTitle true');
    expect(pdf.text).toContain('What is going well');
    expect(pdf.text).toContain('Ella enjoys school and her attendance is good.');
    expect(pdf.text).toContain('15 June 2014');
    expect(pdf.text).toContain('Row 80');
    // The header row is repeated on each page the table runs onto.
    expect(pdf.text.split('\n').filter((l) => l === 'By when').length).toBeGreaterThan(1);
    expect(pdf.text).toContain(`Page ${pdf.pages}`);
    expect(pdf.text).toContain('Printed on 2 December 2026 at 3:39pm by Pat Practitioner');
    expect(outlineOf(doc)).toContain('## What is going well\nElla enjoys school');
    expect(outlineOf(doc)).toContain('Lead professional: Sam Lead');
  });

  it('breaks a cell longer than a page over pages instead of losing it', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const pdf = readPdf(await bytesOf({ title: 'Long', footer, blocks: [{ kind: 'summary', rows: [['Notes', long]] }] }));
    expect(pdf.pages).toBeGreaterThan(1);
    expect(pdf.text.replace(/\n/g, ' ')).toContain('word399');
  });
});
