/**
 * The OpenAPI pieces the route files share: id parameters, error responses (with 401/403/429 by kind of route),
 * security, the draft view and the SSE stream of drafting, an imported report's choices and type guess, and the
 * 校对 result, so each resource's routes file (src/http/routes/) declares only what is its own.
 */
import { z } from '@hono/zod-openapi';
import { factSheetSchema } from '../../domain/fact-sheet.js';
import type { DraftView } from '../../services/drafts.js';
import { errorBodySchema } from '../errors.js';

// ── Security ─────────────────────────────────────────────────────────────────────────────────────────────

export const BEARER = 'bearerAuth';

export const securitySchemes = {
  [BEARER]: {
    type: 'http' as const,
    scheme: 'bearer',
    description: '部署设置了 API_KEYS 时，工具接口须带 `Authorization: Bearer <密钥>`；未设置时不校验。',
  },
};

/**
 * Who may call a route: `tool` needs a key when API_KEYS is set (either a key or none, by deployment); `draft`
 * is a stored draft, which needs a key only when it was not made from a session; `widget` and `public` never do.
 */
export type RouteAccess = 'tool' | 'draft' | 'widget' | 'public';

export const securityOf = (access: RouteAccess): Array<Record<string, string[]>> =>
  access === 'tool' || access === 'draft' ? [{ [BEARER]: [] }, {}] : [];

// ── Errors ───────────────────────────────────────────────────────────────────────────────────────────────

/** The one error shape, as a named component (a clone: errors.ts builds it before zod is extended). */
const errorSchema = errorBodySchema.clone().openapi('Error');
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });

const retryAfter = {
  'Retry-After': { description: '多少秒后可以再试', schema: { type: 'integer' as const, minimum: 1 } },
};

type OwnStatus = 400 | 404 | 409 | 413 | 415 | 502 | 507;

/** The refusals of a request body: too large, or not JSON. Only routes that take a body list them. */
export const BODY_ERRORS = { 413: '请求内容过大', 415: '请求体不是 JSON' } as const;

/** A write that storage refused (the disk full, DATA_MAX_MB reached, an I/O error): nothing of it was kept. */
export const STORAGE_ERRORS = { 507: '存储已满或出错（storage_full / storage_error），这次的内容未保存' } as const;

/**
 * A route's error responses: its own (by status, with what they mean there), then what the gate answers for its
 * kind of route — 429 for all, 403 (a browser on a site not in ALLOWED_ORIGINS) for all but `public`, 401 for
 * routes that may need a key.
 * @example responses: { 200: …, ...errorResponses('widget', { 400: '请求内容有误', 404: '会话不存在', ...BODY_ERRORS }) }
 */
export function errorResponses(access: RouteAccess, own: Partial<Record<OwnStatus, string>>) {
  const out: Record<number, ReturnType<typeof errorResponse> & { headers?: typeof retryAfter }> = {};
  for (const [status, description] of Object.entries(own)) out[Number(status)] = errorResponse(description);
  if (access === 'tool' || access === 'draft') out[401] = errorResponse('缺少或不是有效的 API 密钥（设置了 API_KEYS 时）');
  if (access !== 'public') out[403] = errorResponse('浏览器所在的网站不在 ALLOWED_ORIGINS 中');
  out[429] = { ...errorResponse('请求过于频繁'), headers: retryAfter };
  return out;
}

// ── Parameters ───────────────────────────────────────────────────────────────────────────────────────────

/** `{id}` in a path: a session's or a draft's 22-character id. No example: a made-up id only ever answers 404. */
export const idParam = (what: string) =>
  z.object({ id: z.string().max(64).openapi({ param: { name: 'id', in: 'path' }, description: `${what}编号（22 位）` }) });

/** The report type id: listed as an enum of the loaded types when the document is served (see withReportTypes). */
export const REPORT_TYPE_MARK = 'x-report-type';
// A clone: a schema made before @hono/zod-openapi extended zod (the domain's) has no .openapi() of its own.
export const reportTypeField = <T extends z.ZodType>(schema: T) =>
  (schema.clone() as T).openapi({ description: '报告类型编号（见 GET /api/report-types）', [REPORT_TYPE_MARK]: true } as Record<string, unknown>);

/**
 * Writes the loaded report types as the enum of every field marked with REPORT_TYPE_MARK: the types are folders
 * under prompts/, known when the app is built, not when the schemas are.
 */
export function withReportTypes<T>(document: T, ids: readonly string[]): T {
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    if (record[REPORT_TYPE_MARK]) {
      delete record[REPORT_TYPE_MARK];
      record.enum = [...ids];
    }
    Object.values(record).forEach(visit);
  };
  const copy = structuredClone(document);
  visit(copy);
  return copy;
}

// ── The draft ────────────────────────────────────────────────────────────────────────────────────────────

export const factSheetDocSchema = factSheetSchema.extend({ type: reportTypeField(factSheetSchema.shape.type) }).openapi('FactSheet');

const outlineLeaf = {
  key: z.string().openapi({ description: '部分的稳定编号：section-0、problems、goals……' }),
  partId: z.string(),
  source: z.string(),
  number: z.string().openapi({ example: '一、' }),
  heading: z.string(),
  topic: z.string().optional(),
  sectionIndex: z.number().int().optional(),
  missing: z.boolean().openapi({ description: '事实表没有提供的必备部分：稿中为【待补充】' }),
};
export const outlineItemSchema = z
  .object({ ...outlineLeaf, children: z.array(z.object(outlineLeaf)).optional().openapi({ description: '分组下的（一）（二）……' }) })
  .openapi('OutlineItem');
export const outlineSchema = z.object({ type: z.string(), title: z.string(), items: z.array(outlineItemSchema) }).openapi('Outline');

export const warningSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    figure: z.string().optional(),
    sentence: z.string().optional(),
    start: z.number().int().optional().openapi({ description: '该数字在 markdown 中的起始位置（UTF-16）' }),
    end: z.number().int().optional(),
  })
  .openapi('DraftWarning');

const figuresSchema = z
  .object({
    given: z.array(z.string()).openapi({ description: '事实表中的全部数字' }),
    used: z.array(z.string()),
    invented: z.array(z.string()).openapi({ description: '稿中出现、事实表中没有的数字（需核实）' }),
    missing: z.array(z.string()).openapi({ description: '事实表中有、稿中没有写到的数字' }),
    inventedAt: z
      .array(z.object({ figure: z.string(), start: z.number().int(), end: z.number().int() }))
      .optional()
      .openapi({ description: '每个找不到出处的数字在 markdown 中的位置（按出现顺序；markdown.slice(start, end) 即该数字）' }),
    derived: z
      .array(z.object({ value: z.string(), formula: z.string(), accepted: z.boolean(), ok: z.boolean() }).passthrough())
      .optional()
      .openapi({ description: '计算得出的数字（汇总的合计等）：怎样算出、是否采用、算得对不对' }),
  })
  .openapi('FigureReport');

/** The draft as every draft route answers it. A draft does not name its session. */
export const draftViewSchema = z
  .object({
    id: z.string(),
    type: reportTypeField(z.string()),
    version: z.number().int(),
    versions: z.array(z.object({ version: z.number().int(), createdAt: z.string(), source: z.string() })),
    markdown: z.string(),
    html: z.string(),
    text: z.string(),
    outline: outlineSchema,
    warnings: z.array(warningSchema),
    figures: figuresSchema,
    composer: z.string(),
    facts: factSheetDocSchema,
    sessionId: z.string().optional().openapi({ description: '只在 POST /api/sessions/{id}/draft 的回答中出现；GET /api/drafts/{id} 不返回会话编号' }),
  })
  .openapi('Draft');

// ── Drafting as server-sent events ───────────────────────────────────────────────────────────────────────

const sseEvent = <N extends string, D extends z.ZodType>(name: N, data: D, description: string) =>
  z.object({ event: z.literal(name), data }).openapi({ description });

/** One event of the stream: `event: <name>` and `data: <JSON>` lines, a blank line after each. */
export const draftEventSchema = z
  .discriminatedUnion('event', [
    sseEvent('outline', z.object({ outline: outlineSchema }), '提纲（最先发送）'),
    sseEvent('section-start', z.object({ key: z.string(), heading: z.string() }), '一个部分开始'),
    sseEvent('text', z.object({ key: z.string(), text: z.string() }), '该部分的一段正文（已核对数字）'),
    sseEvent('heading', z.object({ key: z.string(), heading: z.string() }), '配置模型时：模型为该部分写的小标题（不带编号），替换提纲中的'),
    sseEvent('section-end', z.object({ key: z.string() }), '一个部分写完'),
    sseEvent('warning', z.object({ warning: warningSchema }), '提示：数字未能核实、模型失败改用离线起草等'),
    sseEvent('done', draftViewSchema, '整份稿件（已保存，带编号），最后发送'),
    sseEvent('error', z.object({ error: z.object({ code: z.string(), message: z.string() }) }), '起草失败（流在此结束）'),
  ])
  .openapi('DraftEvent');

/** The two answers of a drafting route: 201 JSON by default, 200 server-sent events for `Accept: text/event-stream`. */
export const draftAnswers = {
  200: {
    description:
      '请求头 `Accept: text/event-stream` 时：服务器推送事件（SSE），依次为 outline、section-start、text、heading（配置模型时）、section-end、warning，最后 done（整份稿件）；出错时为 error。每个事件是 `event:` 与 `data:`（JSON）两行。',
    content: { 'text/event-stream': { schema: z.array(draftEventSchema).openapi({ description: '事件序列' }) } },
  },
  201: { description: '稿件已生成并保存（默认，JSON）', content: { 'application/json': { schema: draftViewSchema } } },
};

/**
 * A draft view as the typed routes return it. The outline is recursive in the domain type (an item's children are
 * items), which Hono's JSON typing flattens to JSONValue; the schema states the two levels a draft has.
 */
export const asDraftJson = (view: DraftView) => view as unknown as z.infer<typeof draftViewSchema>;
/** An outline as the typed routes return it (see asDraftJson). */
export const asOutlineJson = (outline: unknown) => outline as z.infer<typeof outlineSchema>;

// ── An imported report (POST /api/imports, POST /api/sessions with `import`) ────────────────────────────────

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

// ── 校对 (POST /api/proofread, POST /api/drafts/{id}/proofread) ──────────────────────────────────────────

const issueSchema = z
  .object({
    start: z.number().int().openapi({ description: '起始位置（UTF-16 码元，从 0 起）' }),
    end: z.number().int().openapi({ description: '结束位置（不含）' }),
    kind: z.enum(['punctuation', 'number', 'numbering', 'date', 'typo', 'repeat', 'marker', 'figure', 'wording']),
    message: z.string().openapi({ example: '标点：中文里用了半角逗号“,”，应为全角“，”（GB/T 15834）' }),
    suggestion: z.string().optional().openapi({ description: '有把握的改法（替换 start—end 之间的文字）；没有把握时不给。source 为 model 时是模型的措辞建议，由用户决定是否采用' }),
    source: z.literal('model').optional().openapi({ description: '只在模型的第二遍（?model=true）给出的措辞建议上出现' }),
  })
  .openapi('ProofIssue');

export const issuesSchema = z
  .object({
    issues: z.array(issueSchema),
    model: z.object({ used: z.boolean(), message: z.string().optional() }).optional().openapi({ description: '请求了模型第二遍时：是否用上了模型，没用上的原因' }),
  })
  .openapi('ProofreadResult');

/** `?model=`: whether the model's wording pass is wanted as well (read by modelWanted). */
export const modelQuery = z
  .enum(['true', 'false', '1', '0'], { error: '模型第二遍（model）应为 true 或 false' })
  .optional()
  .openapi({ description: '配置了模型时，另请模型提出措辞建议（kind 为 wording、source 为 model），不会自动采用；离线规则的结果不受影响' });

export const modelWanted = (value: string | undefined) => ['true', '1'].includes(value ?? '');
