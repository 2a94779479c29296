import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { formatDateTime } from './dates.js';

/**
 * Printable documents (issue 14): a feature describes what to print as typed blocks (headings,
 * paragraphs, key/value summary lists, tables) and this module lays them out as an A4 PDF in DejaVu
 * Sans (embedded: GOV.UK's own typeface is not licensed to us), tagged for assistive technology
 * (a structure tree of H1-H3, P and Table/TR/TH/TD; page furniture marked as artifacts), with the
 * title and language (en-GB unless the document says) in the document's metadata, a page number and a footer on every page
 * ("Printed on … by …" and the area's name). The PDF is streamed: pages are written out as they are
 * finished and drawing waits while the reader is behind, so memory stays bounded however long it is.
 */

export type PdfBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  /** A GOV.UK-style summary list: a key and its value on each row. */
  | { kind: 'summary'; rows: readonly (readonly [string, string])[] }
  /** A table whose rows wrap and break across pages; the header row is repeated on each page. */
  | { kind: 'table'; head: readonly string[]; rows: readonly (readonly string[])[]; widths?: readonly number[] };

export interface PrintableDocument {
  /** The document's title: its first heading and its metadata title. */
  title: string;
  /** Printed on every page's footer, with the moment and who printed it. */
  footer: { areaName: string; printedBy: string; printedAt: Date };
  /** The language of the content, as a BCP 47 tag in the document's metadata (default en-GB): a Welsh plan is `cy`. */
  lang?: string;
  blocks: readonly PdfBlock[];
}

/** The document as plain text, one line per line of content, in reading order: what tests and logs can read. */
export function outlineOf(doc: PrintableDocument): string {
  const lines = [`# ${doc.title}`];
  for (const b of doc.blocks) {
    if (b.kind === 'heading') lines.push(`${'#'.repeat(b.level)} ${b.text}`);
    else if (b.kind === 'paragraph') lines.push(b.text);
    else if (b.kind === 'summary') lines.push(...b.rows.map(([k, v]) => `${k}: ${v}`));
    else lines.push(`| ${b.head.join(' | ')} |`, ...b.rows.map((r) => `| ${r.join(' | ')} |`));
  }
  lines.push(footerText(doc.footer));
  return lines.join('\n');
}

const footerText = (f: PrintableDocument['footer']): string =>
  `Printed on ${formatDateTime(f.printedAt)} by ${f.printedBy} · ${f.areaName}`;

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
let fonts: { regular: Buffer; bold: Buffer } | undefined;
/** Read once per process: the same two files serve every document. */
function fontFiles(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf')),
    bold: readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

type Style = { font: 'body' | 'bold'; size: number; colour: string };
const BODY: Style = { font: 'body', size: 11, colour: '#0b0c0c' };
const BOLD: Style = { ...BODY, font: 'bold' };
const HEADINGS: Record<1 | 2 | 3, Style> = {
  1: { font: 'bold', size: 20, colour: '#0b0c0c' },
  2: { font: 'bold', size: 15, colour: '#0b0c0c' },
  3: { font: 'bold', size: 12.5, colour: '#0b0c0c' },
};
const MARGIN = 56;
const FOOTER_SPACE = 36;
const CELL_PAD = 4;
/** Drawing pauses while more than this is written and not yet read. */
const HIGH_WATER = 256 * 1024;

/** A started PDF: its bytes to send, and when it is finished (rejected if drawing failed; the stream is destroyed then). */
export interface PdfOutput {
  stream: Readable;
  done: Promise<void>;
}

/**
 * Starts drawing the document; send `stream` (reply.send(stream)) at once and the pages follow.
 * pdfkit is loaded at the first document, not when the server starts (ADR 0031: about 20 MB that a
 * process printing nothing never needs).
 */
export function streamPdf(printable: PrintableDocument): PdfOutput {
  const stream = new PassThrough();
  const done = (async () => {
    const { default: PDFDocument } = await import('pdfkit');
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
      autoFirstPage: false,
      pdfVersion: '1.7',
      tagged: true,
      lang: printable.lang ?? 'en-GB',
      displayTitle: true,
      info: { Title: printable.title, Author: printable.footer.areaName, Creator: "Children's Trust Platform" },
    });
    // A reader that goes away destroys the document too, so drawing stops (readerCaughtUp).
    pipeline(doc, stream, () => undefined);
    await draw(doc, printable).catch((error: unknown) => {
      doc.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    });
  })().catch((error: unknown) => {
    stream.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  });
  // The caller sends the stream; a failure is reported through it (destroyed), so `done` needs no handler.
  done.catch(() => undefined);
  return { stream, done };
}

async function draw(doc: PDFKit.PDFDocument, printable: PrintableDocument): Promise<void> {
  const files = fontFiles();
  doc.registerFont('body', files.regular);
  doc.registerFont('bold', files.bold);
  let current: Style = BODY;
  const use = (s: Style) => {
    current = s;
    doc.font(s.font).fontSize(s.size).fillColor(s.colour);
  };
  let pageNumber = 0;
  // Page furniture, drawn as each page starts (also when text runs onto a new page): an artifact, not content.
  doc.on('pageAdded', () => {
    pageNumber += 1;
    const { x, y } = doc;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // so the footer does not itself start a page
    const width = doc.page.width - 2 * MARGIN;
    const top = doc.page.height - MARGIN - FOOTER_SPACE + 12;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font('body').fontSize(8.5).fillColor('#505a5f');
    doc
      .moveTo(MARGIN, top - 4)
      .lineTo(MARGIN + width, top - 4)
      .lineWidth(0.5)
      .strokeColor('#b1b4b6')
      .stroke();
    doc.text(footerText(printable.footer), MARGIN, top, { width: width - 60, lineBreak: true });
    doc.text(`Page ${pageNumber}`, MARGIN + width - 60, top, { width: 60, align: 'right' });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
    use(current);
    doc.x = x;
    doc.y = y;
  });
  doc.addPage();
  const root = doc.struct('Document');
  doc.addStructure(root);
  const contentWidth = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const room = () => doc.page.maxY() - doc.y;

  const text = (parent: PDFKit.PDFStructureElement, tag: string, s: Style, value: string, gapAfter: number) => {
    use(s);
    if (room() < doc.currentLineHeight(true) * 2) doc.addPage();
    parent.add(doc.struct(tag, {}, () => doc.text(value, MARGIN, doc.y, { width: contentWidth() })));
    doc.y += gapAfter;
  };

  text(root, 'H1', HEADINGS[1], printable.title, 8);
  for (const block of printable.blocks) {
    switch (block.kind) {
      case 'heading': {
        // A heading is never left alone at the foot of a page.
        if (room() < 80) doc.addPage();
        else doc.y += block.level === 2 ? 8 : 4;
        text(root, `H${block.level}`, HEADINGS[block.level], block.text, block.level === 2 ? 6 : 3);
        break;
      }
      case 'paragraph':
        text(root, 'P', BODY, block.text === '' ? ' ' : block.text, 6);
        break;
      case 'summary':
        drawTable(doc, root, { head: [], rows: block.rows, widths: [0.35, 0.65], rowHeaders: true }, use, contentWidth());
        doc.y += 8;
        break;
      case 'table':
        drawTable(doc, root, { head: block.head, rows: block.rows, widths: block.widths, rowHeaders: false }, use, contentWidth());
        doc.y += 8;
        break;
      default: {
        const never: never = block;
        throw new Error(`unknown block ${JSON.stringify(never)}`);
      }
    }
    await readerCaughtUp(doc);
  }
  root.end();
  doc.end();
}

/** Waits while what is written is not yet read (the response is slower than drawing), so memory stays bounded. */
async function readerCaughtUp(doc: PDFKit.PDFDocument): Promise<void> {
  while (doc.readableLength > HIGH_WATER && !doc.destroyed) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  if (doc.destroyed) throw new Error('the reader went away before the document was finished');
}

interface TableSpec {
  head: readonly string[];
  rows: readonly (readonly string[])[];
  widths?: readonly number[];
  /** The first cell of each row is its header (a summary list's key). */
  rowHeaders: boolean;
}

function drawTable(
  doc: PDFKit.PDFDocument,
  root: PDFKit.PDFStructureElement,
  spec: TableSpec,
  use: (s: Style) => void,
  width: number,
): void {
  const columns = Math.max(spec.head.length, ...spec.rows.map((r) => r.length), 1);
  const fractions = spec.widths?.length === columns ? spec.widths : Array.from({ length: columns }, () => 1 / columns);
  const widths = fractions.map((f) => f * width);
  const styleOf = (header: boolean, column: number) => (header || (spec.rowHeaders && column === 0) ? BOLD : BODY);
  const heightOf = (cells: readonly string[], header: boolean) =>
    Math.max(
      ...widths.map((w, i) => {
        use(styleOf(header, i));
        return doc.heightOfString(cells[i] || ' ', { width: w - 2 * CELL_PAD });
      }),
    ) +
    2 * CELL_PAD;
  const table = doc.struct('Table');
  root.add(table);
  const drawRow = (cells: readonly string[], header: boolean) => {
    const y = doc.y;
    const height = heightOf(cells, header);
    const tr = doc.struct('TR');
    table.add(tr);
    let x = MARGIN;
    widths.forEach((w, i) => {
      const style = styleOf(header, i);
      const tag = header || (spec.rowHeaders && i === 0) ? 'TH' : 'TD';
      tr.add(
        doc.struct(tag, {}, () => {
          use(style);
          doc.text(cells[i] || ' ', x + CELL_PAD, y + CELL_PAD, { width: w - 2 * CELL_PAD });
        }),
      );
      x += w;
    });
    tr.end();
    doc.markContent('Artifact', { type: 'Layout' });
    doc
      .moveTo(MARGIN, y + height)
      .lineTo(MARGIN + width, y + height)
      .lineWidth(header ? 1 : 0.5)
      .strokeColor('#b1b4b6')
      .stroke();
    doc.endMarkedContent();
    doc.x = MARGIN;
    doc.y = y + height;
  };
  const fullPage = doc.page.maxY() - doc.page.margins.top;
  if (spec.head.length > 0 && doc.page.maxY() - doc.y < heightOf(spec.head, true) * 2.5) doc.addPage();
  if (spec.head.length > 0) drawRow(spec.head, true);
  for (const row of spec.rows) {
    const height = heightOf(row, false);
    if (height > doc.page.maxY() - doc.y) {
      doc.addPage();
      if (spec.head.length > 0) drawRow(spec.head, true);
    }
    if (height > fullPage - 40) {
      // Longer than a page: each cell on its own lines (key, then value), which wrap across pages.
      const tr = doc.struct('TR');
      table.add(tr);
      row.forEach((cell, i) => {
        const label = spec.head[i];
        tr.add(
          doc.struct(i === 0 && spec.rowHeaders ? 'TH' : 'TD', {}, () => {
            use(styleOf(false, i));
            doc.text(label ? `${label}: ${cell}` : cell, MARGIN, doc.y, { width });
          }),
        );
      });
      tr.end();
      doc.y += CELL_PAD;
      continue;
    }
    drawRow(row, false);
  }
  table.end();
}
