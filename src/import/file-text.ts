/** A file's text by its kind: .txt and .md decoded (UTF-8, or GB18030 as older Chinese Windows files are), .docx read from its WordprocessingML. */
import { DocxError, DocxTooLargeError, docxText } from './docx-text.js';

export const IMPORT_EXTENSIONS = ['.txt', '.md', '.docx'] as const;

/** A file we cannot take: the message says why, in Chinese; `tooLarge` when it would inflate past the limits (413). */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

/**
 * The text of an uploaded or given file.
 * @example await fileText('去年总结.docx', bytes)
 */
export async function fileText(name: string, bytes: Uint8Array): Promise<string> {
  const ext = /\.[^.]+$/.exec(name.toLowerCase())?.[0] ?? '';
  if (!(IMPORT_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new ImportFileError(`不支持的文件类型“${ext || '无扩展名'}”，请用 .txt、.md 或 .docx`);
  }
  let text: string;
  if (ext === '.docx') {
    try {
      text = await docxText(bytes);
    } catch (error) {
      throw new ImportFileError(error instanceof DocxError ? error.message : '无法读取这个 .docx 文件', error instanceof DocxTooLargeError);
    }
  } else {
    text = decodeText(bytes);
  }
  if (!text.trim()) throw new ImportFileError('文件里没有文字');
  return text;
}

/** UTF-8 first (with or without BOM); bytes that are not UTF-8 are read as GB18030; binary is refused. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new ImportFileError('这不是文本文件（含二进制内容），请用 .txt、.md 或 .docx');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new ImportFileError('无法识别文件的文字编码，请另存为 UTF-8 后再试');
    }
  }
}
