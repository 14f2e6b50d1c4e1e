/**
 * The sessions' contracts (the guided dialogue, all under /api/sessions): create (from a type, an imported report or
 * a consolidation), answer, read, delete, edit the outline, choose the sums, draft — and the schemas only they use.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Holds, Turn } from '../../../contract/session-shapes.js';
import {
  BODY_ERRORS,
  STORAGE_ERRORS,
  draftAnswers,
  errorResponses,
  factSheetDocSchema,
  idParam,
  outlineSchema,
  reportChoiceSchema,
  reportTypeField,
  reportTypeGuessSchema,
  securityOf,
} from '../../openapi/parts.js';

/** A message longer than this is refused outright (400); up to it, the engine caps the answer and says so. */
export const MAX_MESSAGE = 20_000;

/** What every session route may answer besides its own: the session unknown, or the request's body refused. */
const sessionErrors = (own: Parameters<typeof errorResponses>[1] = {}) => errorResponses('widget', { 404: '会话不存在或已过期', ...own });

const replySchema = z
  .object({
    text: z.string(),
    field: z.string().nullable().openapi({ description: '本问题填写的事实表字段，如 org、sections[2].facts；不在提问时为 null' }),
    progress: z.object({ done: z.number().int(), total: z.number().int() }),
  })
  .openapi('SessionReply');
const stateSchema = z.enum(['asking', 'confirming', 'ready']).openapi({ description: 'asking 提问中 · confirming 核对中 · ready 可起草' });
/** The facts collected so far: a fact sheet in which anything may still be missing. */
const collectedFactsSchema = factSheetDocSchema
  .partial()
  .extend({
    type: factSheetDocSchema.shape.type,
    sections: z.array(z.object({ topic: z.string(), heading: z.string().optional(), facts: z.array(z.string()) })),
    unplaced: z.array(z.string()).optional().openapi({ description: '未归类：放不进任何字段的内容，核对时归入或删除，不写进稿件' }),
  })
  .openapi('CollectedFacts');
const turnSchema = z.object({ reply: replySchema, state: stateSchema, facts: collectedFactsSchema }).openapi('SessionTurn');
/** What the document promises is what the widget reads (src/contract/session-shapes.ts). */
export type TurnDocIsTheContract = Holds<z.infer<typeof turnSchema> extends Turn ? true : false>;

// ── Starting from an imported report (the start itself: src/services/session-import.ts) ──────────────────────

/** The body fields an import adds to POST /api/sessions. */
const importFields = {
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

const reportChoicesSchema = z
  .array(reportChoiceSchema)
  .optional()
  .openapi({ description: '导入的文字中有多篇报告时列出各篇，可用 report 另选一篇重新开始' });

// ── Starting from a consolidation (the start itself: src/services/session-consolidation.ts) ───────────────────

/** The body field a consolidation adds to POST /api/sessions. */
const consolidationFields = {
  consolidation: z
    .unknown()
    .optional()
    .openapi({
      type: 'object',
      description:
        'POST /api/consolidations 返回的 facts（可先改 derived[].accepted 选定采用的合计）：开始一次核对对话，逐个确认合并后的工作领域、问题和打算，首条回复列出各项合计及其算法；合计可在起草前用 PUT /api/sessions/:id/derived 改选',
    }),
};

// ── Routes ───────────────────────────────────────────────────────────────────────────────────────────────

export const create = createRoute({
  method: 'post',
  path: '/api/sessions',
  operationId: 'createSession',
  security: [],
  summary: '开始一次对话式采集（可从旧报告导入）',
  description:
    '按报告类型逐一提问（问题来自 prompts/<类型>/type.json），返回会话编号和第一个问题。提供 `import`（去年的报告或范文全文）时先导入，再只问有变化的地方：先问新的时间段，再逐个部分确认——回复“不变/沿用”原文照用，“删除”去掉该部分，或写出新的情况替换；导入提示只在第一条回复中显示。`type` 可覆盖推断的报告类型；文字中有多篇报告时响应带 `reports`（各篇的标题、推断的类型、工作领域数和事实条数），可用 `report` 另选一篇。文字为空或读不出报告时返回 400。提供 `consolidation`（POST /api/consolidations 返回的 facts）时，逐个核对合并后的工作领域，首条回复列出各项合计，合计用 PUT /api/sessions/:id/derived 改选。',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              type: reportTypeField(z.string({ error: '请提供报告类型（type）' }).min(1, { error: '请提供报告类型（type）' }).max(64).optional()),
              ...importFields,
              ...consolidationFields,
            })
            .refine((body) => body.type !== undefined || body.import !== undefined || body.consolidation !== undefined, {
              error: '请提供报告类型（type），或导入的报告全文（import），或汇总结果（consolidation）',
              path: ['type'],
            }),
          example: { type: 'annual-summary' },
        },
      },
    },
  },
  responses: {
    201: {
      description: '会话已创建',
      content: { 'application/json': { schema: turnSchema.extend({ id: z.string(), reports: reportChoicesSchema, reportType: reportTypeGuessSchema.optional().openapi({ description: '导入时：按内容推断的报告类型和把握；没有把握且未给 type 时，第一个问题就是报告类型' }) }) } },
    },
    ...errorResponses('widget', { 400: '请求内容有误', ...BODY_ERRORS, ...STORAGE_ERRORS }),
  },
});

export const message = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/messages',
  operationId: 'sendMessage',
  security: [],
  summary: '回答问题或发出指令',
  description:
    '自由文字回答；一次可以回答多项。“今年”“上学期”等按服务器日期推算。需要解释才能归档的回答（去掉了引导语、推算的时间等）先回复“我理解为……对吗？”，回复“对”记下，直接说正确内容则按新的记；不回答而接着说下一件事时按理解记下、这句话作为下一个问题的回答（存疑的确认如“不像是领导机关”则不记，这段话放入未归类）。指令：跳过、上一步/返回、修改 + 部分名称、重新开始、完成/直接生成；随时可以追加：“校舍建设还有一条：……”“补充：……”“再加一个领域：……”；放不进任何字段的内容记入 facts.unplaced（未归类），用“把未归类第1条归入……”“删除未归类第1条”处理；核对阶段：确认、把第二部分改名为……、第三部分移到第一、合并第二和第三部分、删除第四部分。',
  request: {
    params: idParam('会话'),
    body: {
      required: true,
      content: {
        'application/json': {
          example: { text: '我们是青河区教育局，写2025年的年度工作总结' },
          schema: z.object({
            text: z.string({ error: '请提供回答内容（text）' }).max(MAX_MESSAGE, { error: `回答（text）不能超过 ${MAX_MESSAGE} 个字，请分几次发送` }),
          }),
        },
      },
    },
  },
  responses: { 200: { description: '下一步', content: { 'application/json': { schema: turnSchema } } }, ...sessionErrors({ 400: '请求内容有误', ...BODY_ERRORS, ...STORAGE_ERRORS }) },
});

export const getOne = createRoute({
  method: 'get',
  path: '/api/sessions/{id}',
  operationId: 'getSession',
  security: [],
  summary: '读取会话：对话记录、已收集的事实、状态、大纲',
  request: { params: idParam('会话') },
  responses: {
    200: {
      description: '会话',
      content: {
        'application/json': {
          schema: z
            .object({
              id: z.string(),
              type: reportTypeField(z.string()),
              state: stateSchema,
              reply: replySchema,
              facts: collectedFactsSchema,
              outline: outlineSchema,
              transcript: z.array(z.object({ role: z.enum(['user', 'assistant']), text: z.string(), field: z.string().nullable().optional() })),
              drafts: z.array(z.string()),
              createdAt: z.string(),
              updatedAt: z.string(),
            })
            .openapi('Session'),
        },
      },
    },
    ...sessionErrors(),
  },
});

/** DELETE /api/sessions/:id: the user removes their session and every draft made from it, at once and for good. */
export const remove = createRoute({
  method: 'delete',
  path: '/api/sessions/{id}',
  operationId: 'deleteSession',
  security: [],
  summary: '删除会话及其全部稿件',
  description:
    '立即删除这次对话的记录、收集的事实和由它生成的全部稿件，不可恢复；之后再访问返回 404。未删除的会话在最后一次使用后 SESSION_TTL_DAYS 天（默认 30 天）自动删除。',
  request: { params: idParam('会话') },
  responses: {
    204: { description: '已删除' },
    ...errorResponses('widget', { 404: '会话不存在或已删除' }),
  },
});

const partRef = z.object({
  part: z.number({ error: '部分编号（part）应为数字' }).int().min(1, { error: '部分编号（part）从 1 开始' }).max(200),
  child: z.number().int().min(1).max(200).optional().openapi({ description: '该部分下的第几项（（一）（二）），用于工作计划等分组的大纲' }),
});
const operationSchema = z.discriminatedUnion(
  'op',
  [
    z.object({ op: z.literal('rename'), target: partRef, heading: z.string().trim().min(1, { error: '新标题（heading）不能为空' }).max(200) }),
    z.object({ op: z.literal('move'), target: partRef, to: partRef }),
    z.object({ op: z.literal('merge'), targets: z.tuple([partRef, partRef]) }),
    z.object({ op: z.literal('drop'), target: partRef }),
  ],
  { error: '操作（op）应为 rename、move、merge 或 drop' },
);

export const outline = createRoute({
  method: 'put',
  path: '/api/sessions/{id}/outline',
  operationId: 'editOutline',
  security: [],
  summary: '起草前调整大纲：改名、调整顺序、合并、删除',
  description:
    '按顺序执行各项操作，部分按大纲中的编号指称（1 即“一、”）；每项操作针对上一项执行后的大纲。调整落到事实表上（工作领域重排、合并、删除；改名写入小标题），任何一项无法执行时整体不改。',
  request: {
    params: idParam('会话'),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ operations: z.array(operationSchema).min(1, { error: '请至少提供一项操作（operations）' }).max(50) }).openapi({
            example: { operations: [{ op: 'rename', target: { part: 2 }, heading: '锻造高素质教师队伍' }, { op: 'drop', target: { part: 4 } }] },
          }),
        },
      },
    },
  },
  responses: {
    200: { description: '调整后的大纲', content: { 'application/json': { schema: turnSchema.extend({ outline: outlineSchema, done: z.array(z.string()) }) } } },
    ...sessionErrors({ 400: '请求内容有误，或大纲无法这样调整', ...BODY_ERRORS, ...STORAGE_ERRORS }),
  },
});

export const draft = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/draft',
  operationId: 'draftSession',
  security: [],
  summary: '根据会话收集的事实起草',
  description:
    '会话处于核对（confirming）或就绪（ready）状态时可起草；提问中请先回答或发送“完成”。未填写的内容在稿中标注【待补充】。没有请求体。默认返回 201 JSON；请求头 Accept: text/event-stream 时返回 200，逐段推送。稿件与会话关联保存，可多次起草。',
  request: { params: idParam('会话') },
  responses: { ...draftAnswers, ...sessionErrors({ 409: '会话还不能起草（仍在提问中）' }) },
});

/** PUT /api/sessions/:id/derived: which of the sums a consolidation offered are accepted, before drafting; answers each sum checked, with how it was computed. */
const derivedReportSchema = z
  .object({
    value: z.string(),
    of: z.array(z.string()),
    op: z.string(),
    label: z.string().optional(),
    sources: z.array(z.string()).optional(),
    accepted: z.boolean(),
    ok: z.boolean(),
    computed: z.string().optional(),
    reason: z.string().optional(),
    formula: z.string().openapi({ example: '120人次 + 80人次 + 95人次 = 295人次' }),
  })
  .openapi('DerivedFigureReport');

export const derived = createRoute({
  method: 'put',
  path: '/api/sessions/{id}/derived',
  operationId: 'acceptDerivedFigures',
  security: securityOf('widget'),
  summary: '采用或不采用汇总给出的合计',
  description:
    '`accepted` 列出要采用的合计的序号（从 1 起，即会话事实中 derived 的顺序），其余都不采用；空列表表示一个也不采用。返回每项合计的核算结果（算法、是否算得对）。只有采用且算得对的合计才会写入稿件。',
  request: {
    params: idParam('会话'),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            accepted: z
              .array(z.number({ error: '采用的合计（accepted）应为序号列表' }).int({ error: '序号应为整数' }).min(1, { error: '序号从 1 起' }), { error: '采用的合计（accepted）应为序号列表，如 [1, 3]' })
              .max(500)
              .openapi({ example: [1, 3] }),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: '各项合计的核算结果', content: { 'application/json': { schema: z.object({ derived: z.array(derivedReportSchema), facts: z.record(z.string(), z.unknown()) }) } } },
    ...errorResponses('widget', { 400: '请求内容有误', 404: '会话不存在', 409: '会话中没有合计', ...BODY_ERRORS, ...STORAGE_ERRORS }),
  },
});
