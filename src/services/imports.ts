/** Importing an old report (POST /api/imports): pasted text, or an uploaded .docx/.txt/.md read to text first, → the fact sheet recovered from it. */
import { ImportFileError, fileText } from '../import/file-text.js';
import { importReport } from '../import/import-report.js';
import { AppError } from './errors.js';

/**
 * The fact sheet recovered from pasted text; `report` picks one of several reports in it (from 1).
 * @example const { facts, warnings } = importText(pasted)
 */
export const importText = (text: string, report?: number) => importReport(text, { report });

/**
 * Reads an uploaded file to text, then imports it; the answer carries the text read. A file it cannot read is a 4xx
 * naming the file: 413 too large once unpacked, 415 a type it does not read, 400 a damaged one.
 */
export async function importFile(name: string, bytes: Uint8Array, report?: number) {
  let text: string;
  try {
    text = await fileText(name, bytes);
  } catch (error) {
    if (error instanceof ImportFileError && error.tooLarge) throw new AppError(413, 'payload_too_large', `${name}：${error.message}`);
    if (error instanceof ImportFileError) throw new AppError(error.message.startsWith('不支持的文件类型') ? 415 : 400, 'unreadable_file', `${name}：${error.message}`);
    throw error;
  }
  return { ...importReport(text, { report }), text };
}
