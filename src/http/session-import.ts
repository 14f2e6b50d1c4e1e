/** The OpenAPI pieces of POST /api/sessions with `{ import }` (the start itself: src/services/session-import.ts). */
import { z } from '@hono/zod-openapi';

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
