import { inflateSync } from 'node:zlib';

/**
 * Reads a PDF the way our printable module writes it (pdfkit: flate-compressed streams, embedded
 * fonts with a ToUnicode map), without a PDF library: enough to check the header, the page count, the
 * metadata and the text a person would read. Each text-showing operation is one line of the result.
 */

export interface ReadPdf {
  header: string;
  pages: number;
  /** The document information dictionary and the catalog, as written (uncompressed objects). */
  objects: string;
  /** The document information dictionary's title, decoded. */
  title: string;
  text: string;
}

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objectsOf(bytes: Buffer): Map<number, PdfObject> {
  const raw = bytes.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = re.lastIndex;
    const end = raw.indexOf('endobj', start);
    const body = raw.slice(start, end);
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt >= 0 && /\/Length (\d+)/.test(body.slice(0, streamAt))) {
      const length = Number(/\/Length (\d+)/.exec(body.slice(0, streamAt))?.[1]);
      const dataStart = start + streamAt + (body.slice(streamAt).startsWith('stream\r\n') ? 8 : 7);
      let data = bytes.subarray(dataStart, dataStart + length);
      if (/\/Filter \/FlateDecode/.test(body.slice(0, streamAt))) data = inflateSync(data);
      objects.set(Number(m[1]), { dict: body.slice(0, streamAt), stream: data });
    } else {
      objects.set(Number(m[1]), { dict: body });
    }
    re.lastIndex = end;
  }
  return objects;
}

/** A font's ToUnicode map: glyph code (hex) to text. */
function cmapOf(stream: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  for (const block of stream.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const line of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
      const first = parseInt(line[1] ?? '0', 16);
      // A ligature maps to more than one character, written with a space: <0066 0069>.
      [...(line[3] ?? '').matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((u, i) => {
        map.set((first + i).toString(16).padStart(4, '0'), utf16((u[1] ?? '').replace(/\s/g, '')));
      });
    }
  }
  for (const block of stream.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const line of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set((line[1] ?? '').toLowerCase().padStart(4, '0'), utf16(line[2] ?? ''));
    }
  }
  return map;
}

/** A PDF literal string "(…)" as text: escapes undone, UTF-16 when it starts with a byte order mark. */
function decodeString(literal: string): string {
  const body = literal.replace(/^\(|\)$/g, '').replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => {
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    return simple[e] ?? String.fromCharCode(parseInt(e, 8));
  });
  const bytes = Buffer.from(body, 'latin1');
  return bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2).swap16().toString('utf16le') : body;
}

export function readPdf(bytes: Buffer): ReadPdf {
  const objects = objectsOf(bytes);
  const fonts = new Map<string, Map<string, string>>(); // resource name -> cmap
  const lines: string[] = [];
  let pages = 0;
  for (const obj of objects.values()) {
    if (!/\/Type \/Page\b(?!s)/.test(obj.dict)) continue;
    pages += 1;
    const resources = /\/Resources (\d+) 0 R/.exec(obj.dict);
    const resourceDict = resources ? (objects.get(Number(resources[1]))?.dict ?? '') : obj.dict;
    for (const f of resourceDict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objects.get(Number(f[2]));
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font?.dict ?? '');
      const cmap = toUnicode ? objects.get(Number(toUnicode[1]))?.stream : undefined;
      if (f[1] && cmap && !fonts.has(f[1])) fonts.set(f[1], cmapOf(cmap.toString('latin1')));
    }
    const contents = /\/Contents (\d+) 0 R/.exec(obj.dict);
    const content = contents ? objects.get(Number(contents[1]))?.stream?.toString('latin1') : undefined;
    if (!content) continue;
    let cmap = new Map<string, string>();
    for (const op of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|[^\]])*)\] TJ|<([0-9a-fA-F]*)> Tj/g)) {
      if (op[1]) {
        cmap = fonts.get(op[1]) ?? new Map();
        continue;
      }
      const hexes = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1] ?? '') : [op[3] ?? ''];
      const glyphs = hexes.join('').match(/.{4}/g) ?? [];
      lines.push(glyphs.map((g) => cmap.get(g.toLowerCase()) ?? '').join(''));
    }
  }
  const plain = [...objects.values()]
    .filter((o) => !o.stream)
    .map((o) => o.dict)
    .join('\n');
  const titleRef = /\/Title (\d+) 0 R/.exec(plain);
  const titleLiteral = titleRef ? (objects.get(Number(titleRef[1]))?.dict.trim() ?? '') : (/\/Title (\([^\n]*\))/.exec(plain)?.[1] ?? '');
  return {
    header: bytes.subarray(0, 8).toString('latin1'),
    pages,
    objects: plain,
    title: decodeString(titleLiteral),
    text: lines.join('\n'),
  };
}
