/** POST /api/sessions with `{ import }`: an old report's text → an interview pre-filled from it, or a 400 saying why not. */
import { z } from '@hono/zod-openapi';
import { importedFacts } from '../dialogue/import-review.js';
import { startImportInterview } from '../dialogue/interview.js';
import type { ReportType } from '../domain/report-types.js';
import { importReport, type ImportResult, type ReportChoice } from '../import/import-report.js';
import { validationError } from './errors.js';

/** The body fields an import adds to POST /api/sessions. */
export const importFields = {
  import: z
    .string({ error: '导入的报告全文（import）应为文字' })
    .optional()
    .openapi({
      description: '去年的报告或范文全文：会先导入（同 POST /api/imports），再只问有变化的地方；与 type 同时提供时按 type 的报告类型起草',
      example: '河西区教育局2024年工作总结\n一、加强队伍建设\n全年招聘教师120名……',
    }),
  report: z
    .number({ error: '第几篇（report）应为正整数' })
    .int({ error: '第几篇（report）应为正整数' })
    .min(1, { error: '第几篇（report）应为正整数' })
    .optional()
    .openapi({ description: 'import 中有多篇报告时导入第几篇（从 1 起），默认第 1 篇；有多篇时响应带 reports 供选择', example: 1 }),
};

export const reportChoiceSchema = z
  .object({
    index: z.number().int().openapi({ description: '第几篇（从 1 起），即 report 的取值' }),
    title: z.string(),
    type: z.string().openapi({ description: '按内容推断的报告类型' }),
    confidence: z.number().openapi({ description: '类型推断的把握（0–1）' }),
    areas: z.number().int().openapi({ description: '将导入的工作领域数' }),
    facts: z.number().int().openapi({ description: '将导入的事实条数（各工作领域合计）' }),
  })
  .openapi('ReportChoice');

export const reportTypeGuessSchema = z
  .object({
    type: z.string(),
    confidence: z.number().openapi({ description: '0–1：领先第二名的程度；低于 0.5 时 unsure 为 true' }),
    reasons: z.array(z.string()).openapi({ description: '据以判断的依据（中文）' }),
    alternative: z.string().optional().openapi({ description: '第二可能的类型' }),
    unsure: z.boolean().openapi({ description: '没有把握：对话会先问报告类型' }),
  })
  .openapi('ReportTypeGuess');

export const reportChoicesSchema = z
  .array(reportChoiceSchema)
  .optional()
  .openapi({ description: '导入的文字中有多篇报告时列出各篇，可用 report 另选一篇重新开始' });

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
  if (!type) throw validationError([{ path: 'type', message: `未知的报告类型“${typeId}”，可选：${[...reportTypes.keys()].join('、')}` }]);
  // The guessed type is moot once the caller chose one: that warning is not shown.
  const notes = result.warnings.filter((w) => !(input.typeId && w.field === 'type')).map((w) => w.message);
  // Unsure of the type and none given: the interview asks it first.
  const started = startImportInterview(type, importedFacts(result.facts, type.id), notes, { askType: !input.typeId && result.reportType.unsure });
  return { ...started, reportType: result.reportType, ...(result.reports ? { reports: result.reports } : {}) };
}
