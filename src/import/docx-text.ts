/** A .docx file's text, paragraph per line, via mammoth (its browser build in Workers: no fs, no path). */

/** Why a file could not be read, in Chinese; thrown for a corrupt or non-.docx file. */
export class DocxError extends Error {}

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
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    // Node's mammoth reads `buffer`, its browser build (Workers) `arrayBuffer`: give both the same bytes.
    const input = { buffer: arrayBuffer, arrayBuffer } as unknown as { arrayBuffer: ArrayBuffer };
    // Loaded on first use: most imports are pasted text, and vitest's workerd pool resolves mammoth's Node build
    // (fs, path), which crashes workerd at load; wrangler's bundle takes the browser build (see README, 从旧报告导入).
    const { default: mammoth } = await import('mammoth');
    const result = await mammoth.extractRawText(input);
    return result.value;
  } catch {
    throw new DocxError('无法读取这个 .docx 文件，文件可能已损坏');
  }
}
