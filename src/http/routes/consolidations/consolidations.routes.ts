/** The consolidation's contract (POST /api/consolidations: several schools' reports, JSON texts or .txt/.md/.docx uploads → one fact sheet for the compiling unit, with sums offered) and the schemas only it uses. */
import { createRoute, z } from '@hono/zod-openapi';
import { CONSOLIDATION_LIMITS } from '../../../consolidate/consolidate-files.js';
import { jsonOrUpload } from '../../middleware/json-or-upload.js';
import { errorResponses, securityOf } from '../../openapi/parts.js';

const MiB = (n: number) => `${n / 1024 / 1024} MiB`;

const optionFields = {
  type: z.string().optional().openapi({ description: '汇总稿的报告类型；不给时按各校报告的多数推断', example: 'half-year-summary' }),
  org: z.string().trim().max(200).optional().openapi({ description: '汇总单位（落款），如“某某县教育局”；不给时 valid 为 false，warnings 中提示', example: '某某县教育局' }),
  period: z.string().trim().max(200).optional().openapi({ description: '时间段；不给时各校一致则沿用', example: '2025年上半年' }),
};

const jsonBody = z.object({
  reports: z
    .array(
      z.object({
        name: z.string({ error: '报告名称（reports[].name）应为文字' }).trim().min(1, { error: '报告名称（reports[].name）不能为空' }).max(200),
        text: z.string({ error: '报告全文（reports[].text）应为文字' }),
      }),
      { error: '请提供各单位的报告（reports）：[{ "name": "…", "text": "…" }]' },
    )
    .openapi({ description: `各单位的报告，2 到 ${CONSOLIDATION_LIMITS.files} 份；name 为文件名或学校名（报告中读不出单位时用它称呼）` }),
  ...optionFields,
  split: z.array(z.string()).max(100).optional().openapi({ description: '撤销合并：这些领域（consolidation.areas[].key）按学校分开', example: ['topic:师资'] }),
  merge: z.array(z.array(z.string()).min(2).max(50)).max(50).optional().openapi({ description: '合并领域：每组的领域并入第一个', example: [['topic:质量', 'name:课后服务']] }),
});

const formBody = z.object({
  files: z.any().openapi({ type: 'array', items: { type: 'string', format: 'binary' }, description: `.docx、.txt 或 .md 文件，2 到 ${CONSOLIDATION_LIMITS.files} 个，每个不超过 ${MiB(CONSOLIDATION_LIMITS.fileBytes)}，合计不超过 ${MiB(CONSOLIDATION_LIMITS.totalBytes)}` }),
  ...optionFields,
  split: z.any().optional().openapi({ type: 'array', items: { type: 'string' }, description: '撤销合并的领域 key，可重复' }),
  merge: z.any().optional().openapi({ type: 'array', items: { type: 'string' }, description: '要合并的领域 key，逗号分隔，可重复' }),
});

/** Each body as validated: the route takes both, so `valid('json')` and `valid('form')` are typed as either; the handler names the one it read. */
export type ConsolidationJson = z.infer<typeof jsonBody>;
export type ConsolidationForm = z.infer<typeof formBody>;

const warningSchema = z.object({ code: z.string(), field: z.string().optional(), school: z.string().optional(), message: z.string() });
const mergedItemSchema = z.object({ text: z.string(), sources: z.array(z.string()) });
const consolidationResultSchema = z
  .object({
    facts: z.record(z.string(), z.unknown()).openapi({ description: '汇总的事实表：各领域下每校一条（以“学校：”开头）；derived 为各校同一指标的合计（accepted 为 false，采用的改为 true）' }),
    valid: z.boolean(),
    warnings: z.array(warningSchema),
    consolidation: z.object({
      schools: z.array(
        z.object({
          school: z.string(),
          file: z.string(),
          type: z.string(),
          period: z.string().optional(),
          areas: z.array(z.object({ topic: z.string(), heading: z.string().optional(), facts: z.number().int(), area: z.string() })),
          notes: z.array(z.string()),
        }),
      ),
      areas: z.array(z.object({ key: z.string(), topic: z.string(), members: z.array(z.object({ school: z.string(), topic: z.string(), heading: z.string().optional() })) })),
      problems: z.array(mergedItemSchema),
      nextSteps: z.array(mergedItemSchema),
      goals: z.array(mergedItemSchema),
    }),
  })
  .openapi('ConsolidationResult');

/** Anything but JSON or a multipart upload: 415, before the body is read. */
const mediaTypeCheck = jsonOrUpload('请以 JSON（{ "reports": [{ "name", "text" }] }）提交，或用 multipart/form-data 上传各单位的 .docx、.txt、.md 文件（字段名 files）');

export const create = createRoute({
  method: 'post',
  path: '/api/consolidations',
  operationId: 'consolidateReports',
  security: securityOf('tool'),
  summary: '汇总各单位的报告',
  description: `把各校的工作总结汇总成本单位的一份事实表：JSON \`{ "reports": [{ "name", "text" }], "type"?, "org"?, "period"? }\`（合计不超过 256 KiB），或 multipart/form-data 上传 \`files\`（可重复，.docx、.txt、.md）。按含义匹配各校的工作领域并合并（如“师资队伍建设”“教师队伍建设”“抓实教师培训，队伍素质不断提高”），每校的事实以“学校：”开头保留在合并后的领域下；问题和打算相同的只写一次并列出来源；同一指标同一单位的数字给出合计（derived，待采用）。\`split\` 撤销某个合并，\`merge\` 合并未匹配上的领域。每次 2 到 ${CONSOLIDATION_LIMITS.files} 份，每个文件不超过 ${MiB(CONSOLIDATION_LIMITS.fileBytes)}，合计不超过 ${MiB(CONSOLIDATION_LIMITS.totalBytes)}。`,
  middleware: [mediaTypeCheck] as const,
  request: {
    body: { required: false, content: { 'application/json': { schema: jsonBody }, 'multipart/form-data': { schema: formBody } } },
  },
  responses: {
    200: { description: '汇总结果', content: { 'application/json': { schema: consolidationResultSchema } } },
    ...errorResponses('tool', { 400: '请求内容有误、份数不对或文件无法读取', 413: '文件或合计过大', 415: '不支持的请求类型或文件类型' }),
  },
});
