/** The import command's work, apart from the file system: bytes of a named file → `{ facts, valid, warnings, reports? }` or the lines saying why not. */
import { ImportFileError, fileText } from './file-text.js';
import { importReport, type ImportResult } from './import-report.js';

export type ImportCommandResult = { ok: true; body: ImportResult } | { ok: false; lines: string[] };

/**
 * @example await importFileCommand('去年总结.docx', bytes, '2') // { ok: true, body: { facts, valid, warnings, reports } }
 */
export async function importFileCommand(name: string, bytes: Uint8Array, report?: string): Promise<ImportCommandResult> {
  const n = report === undefined ? undefined : Number(report);
  if (n !== undefined && (!Number.isInteger(n) || n < 1)) return { ok: false, lines: ['--report: 应为正整数（第几篇）'] };
  try {
    return { ok: true, body: importReport(await fileText(name, bytes), { report: n }) };
  } catch (error) {
    if (error instanceof ImportFileError) return { ok: false, lines: [`${name}: ${error.message}`] };
    throw error;
  }
}
