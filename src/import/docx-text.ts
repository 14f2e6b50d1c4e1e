/**
 * A .docx file's text: the paragraphs of word/document.xml, read with jszip, blank line between paragraphs; each
 * table row on one line, its cells joined by a tab (paragraphs within a cell by "；").
 * Hostile files are bounded: the sizes the zip declares are checked before anything is inflated, inflation stops
 * at the limit whatever the headers said, and the XML is read by a one-pass tokenizer (linear in its length).
 * Why not mammoth: jszip already ships with the Word export, while mammoth brought ~100 KiB of XML libraries into
 * the Worker bundle to do the same thing for raw text (paragraphs, runs, tabs and breaks).
 */
import JSZip from 'jszip';

/** Why a file could not be read, in Chinese; thrown for a corrupt or non-.docx file. */
export class DocxError extends Error {}

/** A file that would inflate past the limits (a zip bomb, or simply too big to be a report): the API answers 413. */
export class DocxTooLargeError extends DocxError {}

/** Uncompressed bytes allowed for one part (word/document.xml of a 300-page report is a few MiB). */
export const DOCX_PART_LIMIT = 16 * 1024 * 1024;
/** Uncompressed bytes allowed for all parts together, as the zip declares them (images included). */
export const DOCX_TOTAL_LIMIT = 64 * 1024 * 1024;

const MIB = 1024 * 1024;
const tooLarge = (what: string) =>
  new DocxTooLargeError(`这个 .docx 文件解压后${what}，超过上限（单个部件 ${DOCX_PART_LIMIT / MIB} MiB，合计 ${DOCX_TOTAL_LIMIT / MIB} MiB），不像一份报告，未读取。请另存为较小的文件，或复制正文后以文本导入。`);

/**
 * Checks the zip's central directory (the declared uncompressed size of every part) before anything is inflated.
 * A zip jszip would reject anyway is left to it; ZIP64 (parts over 4 GiB) is no report.
 */
export function checkDeclaredSizes(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return; // no end record: jszip reports the damage
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (entries === 0xffff || offset === 0xffffffff) throw tooLarge('的大小超出普通文件（ZIP64 格式）');
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return; // damaged: jszip says so
    const size = view.getUint32(offset + 24, true);
    if (size === 0xffffffff) throw tooLarge('的大小超出普通文件（ZIP64 格式）');
    if (size > DOCX_PART_LIMIT) throw tooLarge(`有一个部件达 ${(size / MIB).toFixed(0)} MiB`);
    total += size;
    if (total > DOCX_TOTAL_LIMIT) throw tooLarge(`合计超过 ${DOCX_TOTAL_LIMIT / MIB} MiB`);
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
}

/** jszip's chunked reader (public in its docs as `internalStream`, missing from its types). */
interface ChunkStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): ChunkStream;
  on(event: 'error', listener: (error: Error) => void): ChunkStream;
  on(event: 'end', listener: () => void): ChunkStream;
  pause(): ChunkStream;
  resume(): ChunkStream;
}

/** Inflates one part as UTF-8 text, stopping as soon as it passes `limit` (the headers may have lied). */
function inflateText(file: JSZip.JSZipObject, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const decoder = new TextDecoder('utf-8');
    let text = '';
    let bytes = 0;
    let done = false;
    const stream = (file as unknown as { internalStream(type: 'uint8array'): ChunkStream }).internalStream('uint8array');
    stream
      .on('data', (chunk: Uint8Array) => {
        if (done) return;
        bytes += chunk.length;
        if (bytes > limit) {
          done = true;
          stream.pause();
          reject(tooLarge(`的正文超过 ${limit / MIB} MiB（文件头中声明的大小不实）`));
          return;
        }
        text += decoder.decode(chunk, { stream: true });
      })
      .on('error', (error: Error) => {
        if (!done) reject(error);
        done = true;
      })
      .on('end', () => {
        if (done) return;
        done = true;
        resolve(text + decoder.decode());
      })
      .resume();
  });
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** Elements whose content is not text: paragraph properties (their <w:tab> are tab stops) and the duplicate of a drawing. */
const SKIPPED = new Set(['w:pPr', 'mc:Fallback']);

interface Row {
  cells: string[];
  /** Paragraphs of the cell being read; null between cells. */
  cell: string[] | null;
}

/**
 * The document's paragraphs and table rows, in order, by one pass over the XML: every character is looked at a
 * bounded number of times, so a hostile file of nested or repeated tags costs its length, not its square.
 * @example documentLines('<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>') // ['一、总体情况']
 */
export function documentLines(xml: string): string[] {
  const lines: string[] = [];
  /** Paragraphs being read; more than one when a text box's paragraph sits inside another. */
  const paragraphs: string[] = [];
  const rows: Row[] = [];
  let inText = false;
  let skipping: { name: string; depth: number } | undefined;

  /** A finished paragraph or row goes to the cell being read, else to the document. */
  const emit = (text: string) => {
    const row = rows.at(-1);
    if (row?.cell) row.cell.push(text);
    else lines.push(text);
  };
  const add = (text: string) => {
    if (paragraphs.length) paragraphs[paragraphs.length - 1] += text;
  };

  let i = 0;
  while (i < xml.length) {
    const open = xml.indexOf('<', i);
    if (open < 0) break;
    if (inText && !skipping && open > i) add(decodeXml(xml.slice(i, open)));
    // Comments, CDATA, declarations and processing instructions: skipped whole (CDATA inside <w:t> is text).
    if (xml.startsWith('<!--', open)) {
      const close = xml.indexOf('-->', open + 4);
      i = close < 0 ? xml.length : close + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', open)) {
      const close = xml.indexOf(']]>', open + 9);
      if (inText && !skipping) add(xml.slice(open + 9, close < 0 ? xml.length : close));
      i = close < 0 ? xml.length : close + 3;
      continue;
    }
    if (xml[open + 1] === '?' || xml[open + 1] === '!') {
      const close = xml.indexOf('>', open);
      i = close < 0 ? xml.length : close + 1;
      continue;
    }
    // The tag's end: the first '>' outside quoted attribute values.
    let end = open + 1;
    let quote = '';
    for (; end < xml.length; end++) {
      const ch = xml[end];
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '>') break;
    }
    i = end + 1;
    const closing = xml[open + 1] === '/';
    const selfClosing = !closing && xml[end - 1] === '/';
    let nameEnd = open + (closing ? 2 : 1);
    while (nameEnd < end && !/[\s/>]/.test(xml[nameEnd])) nameEnd++;
    const name = xml.slice(open + (closing ? 2 : 1), nameEnd);

    if (skipping) {
      if (name === skipping.name && !selfClosing) skipping.depth += closing ? -1 : 1;
      if (skipping.depth === 0) skipping = undefined;
      continue;
    }
    if (!closing && !selfClosing && SKIPPED.has(name)) {
      skipping = { name, depth: 1 };
      continue;
    }
    switch (name) {
      case 'w:p':
        if (selfClosing) emit('');
        else if (!closing) paragraphs.push('');
        else if (paragraphs.length) emit(paragraphs.pop()!);
        break;
      case 'w:t':
        inText = !closing && !selfClosing;
        break;
      case 'w:tab':
        if (!closing) add('\t');
        break;
      case 'w:br':
      case 'w:cr':
        if (!closing) add('\n');
        break;
      case 'w:tr':
        if (selfClosing) emit('');
        else if (!closing) rows.push({ cells: [], cell: null });
        else if (rows.length) {
          const row = rows.pop()!;
          emit(row.cells.some((cell) => cell.trim()) ? row.cells.join('\t') : '');
        }
        break;
      case 'w:tc': {
        const row = rows.at(-1);
        if (!row) break;
        if (selfClosing) row.cells.push('');
        else if (!closing) row.cell = [];
        else if (row.cell) {
          // One line per row: a cell's own tabs and line breaks become spaces, its paragraphs are joined by "；".
          const texts = row.cell.map((text) => text.replace(/[\t\n]+/g, ' ').trim()).filter(Boolean);
          row.cells.push(texts.join('；'));
          row.cell = null;
        }
        break;
      }
    }
  }
  return lines;
}

/**
 * Reads the text of a .docx (Word 2007+) file; numbering Word generates itself (automatic lists) is not text and is lost.
 * @example await docxText(await file.arrayBuffer()) // '某区教育局2025年工作总结\n\n一、…'
 */
export async function docxText(data: ArrayBuffer | Uint8Array): Promise<string> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  // PK\3\4: a zip container. Anything else (an old .doc, a renamed text) gets a clear message, not a parser error.
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    throw new DocxError('不是 .docx 文件（Word 2007 及以上格式）；旧版 .doc 请先另存为 .docx');
  }
  checkDeclaredSizes(bytes);
  let xml: string;
  try {
    const document = (await JSZip.loadAsync(bytes)).file('word/document.xml');
    if (!document) throw new DocxError('这个文件里没有 Word 正文（word/document.xml），可能不是 .docx 文件');
    xml = await inflateText(document, DOCX_PART_LIMIT);
  } catch (error) {
    if (error instanceof DocxError) throw error;
    throw new DocxError('无法读取这个 .docx 文件，文件可能已损坏');
  }
  return documentLines(xml).join('\n\n');
}
