/** The consolidation's bounds and its work on files, apart from the file system and HTTP: named bytes → the result, or lines saying why not (in Chinese, naming the file). */
import { ImportFileError, fileText } from '../import/file-text.js';
import { consolidateReports, type ConsolidateOptions, type ConsolidationResult, type SchoolReport } from './consolidate.js';

/** How much one consolidation takes: a county's schools, each report a .docx with a few pictures at most. */
export const CONSOLIDATION_LIMITS = {
  files: 40,
  fileBytes: 5 * 1024 * 1024,
  totalBytes: 20 * 1024 * 1024,
  /** Characters of one report's text (a long 工作总结 is 20 000). */
  textChars: 200_000,
} as const;

const MiB = (n: number) => `${n / 1024 / 1024} MiB`;

/** A bound overstepped, or a file unreadable: which, and the line to show. */
export class ConsolidationInputError extends Error {
  constructor(
    readonly kind: 'count' | 'size' | 'unreadable' | 'unsupported',
    message: string,
  ) {
    super(message);
  }
}

/** The count and size bounds, checked before anything is read. */
export function checkBounds(files: ReadonlyArray<{ name: string; size: number }>): void {
  if (files.length < 2) throw new ConsolidationInputError('count', `汇总至少需要 2 份报告，现有 ${files.length} 份`);
  if (files.length > CONSOLIDATION_LIMITS.files) throw new ConsolidationInputError('count', `一次最多汇总 ${CONSOLIDATION_LIMITS.files} 份报告，现有 ${files.length} 份，请分批汇总`);
  const big = files.find((f) => f.size > CONSOLIDATION_LIMITS.fileBytes);
  if (big) throw new ConsolidationInputError('size', `${big.name}：文件超过 ${MiB(CONSOLIDATION_LIMITS.fileBytes)} 上限`);
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > CONSOLIDATION_LIMITS.totalBytes) throw new ConsolidationInputError('size', `文件合计超过 ${MiB(CONSOLIDATION_LIMITS.totalBytes)} 上限，请分批汇总`);
}

/** Checks one report's text: not empty, not over the bound. */
export function checkText(report: SchoolReport): void {
  if (!report.text.trim()) throw new ConsolidationInputError('unreadable', `${report.name}：没有文字`);
  if (report.text.length > CONSOLIDATION_LIMITS.textChars) {
    throw new ConsolidationInputError('size', `${report.name}：文字超过 ${CONSOLIDATION_LIMITS.textChars} 字上限`);
  }
}

/**
 * Reads each file (.txt, .md, .docx) and consolidates them.
 * @example await consolidateFiles([{ name: '一小.docx', bytes }, { name: '二小.txt', bytes: b2 }], { org: '某县教育局' })
 */
export async function consolidateFiles(files: ReadonlyArray<{ name: string; bytes: Uint8Array }>, options: ConsolidateOptions): Promise<ConsolidationResult> {
  checkBounds(files.map((f) => ({ name: f.name, size: f.bytes.byteLength })));
  const reports: SchoolReport[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await fileText(file.name, file.bytes);
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      throw new ConsolidationInputError(error.message.startsWith('不支持的文件类型') ? 'unsupported' : 'unreadable', `${file.name}：${error.message}`);
    }
    const report = { name: file.name, text };
    checkText(report);
    reports.push(report);
  }
  return consolidateReports(reports, options);
}
