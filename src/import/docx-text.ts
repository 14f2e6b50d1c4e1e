/**
 * A .docx file's text, one paragraph per line: the paragraphs of word/document.xml read with jszip.
 * Why not mammoth: jszip already ships with the Word export, while mammoth brought ~100 KiB of XML libraries into
 * the Worker bundle to do the same thing for raw text (paragraphs, runs, tabs and breaks).
 */
import JSZip from 'jszip';

/** Why a file could not be read, in Chinese; thrown for a corrupt or non-.docx file. */
export class DocxError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** The text of one <w:p>: its <w:t> runs, with <w:tab/> as a tab and <w:br/>/<w:cr/> as a line break. */
function paragraphText(xml: string): string {
  let text = '';
  // Paragraph properties hold tab-stop definitions (<w:tab …/>) that are not text.
  const runs = xml.replace(/<w:pPr\b[\s\S]*?<\/w:pPr>/g, '');
  for (const match of runs.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:t(?:\s[^>]*)?\/>|<w:(tab|br|cr)\b[^>]*\/>/g)) {
    if (match[2] === 'tab') text += '\t';
    else if (match[2]) text += '\n';
    else if (match[1] !== undefined) text += decodeXml(match[1]);
  }
  return text;
}

/**
 * Reads the text of a .docx (Word 2007+) file; numbering Word generates itself (automatic lists) is not text and is lost.
 * @example await docxText(await file.arrayBuffer()) // '某区教育局2025年工作总结\n一、…'
 */
export async function docxText(data: ArrayBuffer | Uint8Array): Promise<string> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  // PK\3\4: a zip container. Anything else (an old .doc, a renamed text) gets a clear message, not a parser error.
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    throw new DocxError('不是 .docx 文件（Word 2007 及以上格式）；旧版 .doc 请先另存为 .docx');
  }
  let xml: string | undefined;
  try {
    xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string');
  } catch {
    throw new DocxError('无法读取这个 .docx 文件，文件可能已损坏');
  }
  if (xml === undefined) throw new DocxError('这个文件里没有 Word 正文（word/document.xml），可能不是 .docx 文件');
  const body = /<w:body\b[^>]*>([\s\S]*)<\/w:body>/.exec(xml)?.[1] ?? xml;
  const paragraphs = [...body.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)].map((m) => paragraphText(m[1] ?? ''));
  return paragraphs.join('\n\n');
}
