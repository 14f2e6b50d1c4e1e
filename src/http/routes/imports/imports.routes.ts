/** The import's contract (POST /api/imports: an old report as JSON text, or a .txt/.md/.docx upload → a fact sheet with warnings) and the schemas only it uses. */
import { createRoute, z } from '@hono/zod-openapi';
import { jsonOrUpload } from '../../middleware/json-or-upload.js';
import { errorResponses, factSheetDocSchema, reportChoiceSchema, reportTypeGuessSchema, securityOf } from '../../openapi/parts.js';

/** Uploads may be this large (a .docx with images); JSON bodies keep the app-wide 256 KiB limit. */
export const IMPORT_UPLOAD_LIMIT = 5 * 1024 * 1024;

const reportField = z.coerce
  .number({ error: '第几篇（report）应为正整数' })
  .int({ error: '第几篇（report）应为正整数' })
  .min(1, { error: '第几篇（report）应为正整数' })
  .optional()
  .openapi({ description: '文件中有多篇报告时导入第几篇（从 1 起），默认第 1 篇', example: 1 });

const jsonBody = z.object({
  text: z
    .string({ error: '请提供报告全文（text）' })
    .trim()
    .min(1, { error: '报告全文（text）不能为空' })
    .openapi({ example: '某区教育局2025年工作总结\n一、加强党的建设\n全年发展党员12名……' }),
  report: reportField,
});

const formBody = z.object({
  file: z.any().openapi({ type: 'string', format: 'binary', description: '.docx、.txt 或 .md 文件，最大 5 MiB' }),
  report: reportField,
});

/** Each body as validated: the route takes both, so `valid('json')` and `valid('form')` are typed as either; the handler names the one it read. */
export type ImportJson = z.infer<typeof jsonBody>;
export type ImportForm = z.infer<typeof formBody>;

const warningSchema = z.object({ code: z.string(), field: z.string().optional(), message: z.string() });
const importResultSchema = z
  .object({
    facts: factSheetDocSchema.partial().openapi({ description: '恢复出的事实表；valid 为 false 时缺必填项，见 warnings' }),
    valid: z.boolean(),
    warnings: z.array(warningSchema),
    reportType: reportTypeGuessSchema,
    frames: z.array(z.string()).openapi({ description: '认作衔接语（套话）而没有作为事实导入的句子，如“在肯定成绩的同时……”“现将……总结如下”' }),
    reports: z.array(reportChoiceSchema).optional().openapi({ description: '文件中有多篇报告时列出各篇，用 report 指定导入哪一篇' }),
    text: z.string().optional().openapi({ description: '上传文件时：从文件中读出的全文，可原样作为 POST /api/sessions 的 import 开始对话' }),
  })
  .openapi('ImportResult');

/** Anything but JSON or a multipart upload: 415, before the body is read. */
const mediaTypeCheck = jsonOrUpload('请以 JSON（{ "text": "报告全文" }）提交，或用 multipart/form-data 上传 .docx、.txt、.md 文件');

export const create = createRoute({
  method: 'post',
  path: '/api/imports',
  operationId: 'importReport',
  security: securityOf('tool'),
  summary: '从旧报告导入事实表',
  description:
    '提交去年的报告或网上找到的范文：JSON `{ "text": "…" }`（不超过 256 KiB），或 multipart/form-data 上传 `file`（.docx、.txt、.md，不超过 5 MiB）。去掉网页导航和广告、繁体转简体、删去拼音注音，恢复各级标题，返回事实表和提示（哪些是推断的、哪些没找到）。一个文件有多篇时返回 `reports`（各篇的标题、推断的类型、工作领域数和事实条数）供选择，用 `report` 指定第几篇。报告类型按内容（结构、时态、各部分讲什么）推断，标题只是依据之一，`reportType` 给出把握和依据；认作套话的句子列在 `frames`，不作为事实。上传文件时另返回读出的全文 `text`，可直接用于 `POST /api/sessions` 的 `import`。',
  middleware: [mediaTypeCheck] as const,
  request: {
    body: {
      required: false,
      content: { 'application/json': { schema: jsonBody }, 'multipart/form-data': { schema: formBody } },
    },
  },
  responses: {
    200: { description: '导入结果', content: { 'application/json': { schema: importResultSchema } } },
    ...errorResponses('tool', { 400: '请求内容有误或文件无法读取', 413: '内容过大', 415: '不支持的请求类型或文件类型' }),
  },
});
