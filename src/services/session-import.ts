/** POST /api/sessions with `{ import }`: an old report's text → an interview pre-filled from it, or a 400 saying why not. */
import { importedFacts } from '../dialogue/import-review.js';
import { startImportInterview } from '../dialogue/interview.js';
import type { ReportType } from '../domain/report-types.js';
import { importReport, type ImportResult, type ReportChoice } from '../import/import-report.js';
import { validationError } from './errors.js';
import { unknownReportType } from '../contract/messages.js';

/**
 * Imports the text and starts the interview that asks what changed. `typeId` overrides the guessed type.
 * Throws a 400 (naming the field) for an unknown type, empty text, or text in which no report can be found.
 */
export function startFromImport(
  reportTypes: Map<string, ReportType>,
  input: { text: string; typeId?: string; report?: number },
): ReturnType<typeof startImportInterview> & { reportType: ImportResult['reportType']; reports?: ReportChoice[] } {
  if (!input.text.trim()) throw validationError([{ path: 'import', message: '导入的报告全文（import）不能为空，请粘贴报告的文字' }]);
  const result = importReport(input.text, { report: input.report });
  const headless = result.warnings.some((w) => w.field === 'sections');
  if (!result.facts.sections.length || (headless && !result.facts.org && !result.facts.period)) {
    throw validationError([
      { path: 'import', message: '没能从导入的文字中读出报告：没有找到单位、时间段和“一、……”等小标题。请粘贴完整的报告全文，或改用 type 从头开始' },
    ]);
  }
  const typeId = input.typeId ?? result.facts.type;
  const type = reportTypes.get(typeId);
  if (!type) throw validationError([{ path: 'type', message: unknownReportType(typeId, reportTypes.keys()) }]);
  // The guessed type is moot once the caller chose one: that warning is not shown.
  const notes = result.warnings.filter((w) => !(input.typeId && w.field === 'type')).map((w) => w.message);
  // Unsure of the type and none given: the interview asks it first.
  const started = startImportInterview(type, importedFacts(result.facts, type.id), notes, { askType: !input.typeId && result.reportType.unsure });
  return { ...started, reportType: result.reportType, ...(result.reports ? { reports: result.reports } : {}) };
}
