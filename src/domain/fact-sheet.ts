/** The fact sheet v1 (CONTRACTS.md §1): the one input of drafting, validated by zod. */
import { z } from 'zod';
import { derivedListSchema } from './derived-figures.js';
import { wrongType } from './validation-messages.js';
import { unknownReportType } from '../contract/messages.js';

/** Report type ids. Adding a type is adding a folder under prompts/; this list is what the v1 contract names. */
export const REPORT_TYPE_IDS = [
  'annual-summary',
  'half-year-summary',
  'safety-summary',
  'work-plan',
  'key-points',
] as const;
export type ReportTypeId = string;

/** Caps that keep one request's work bounded; the messages say them in Chinese. */
export const LIMITS = {
  text: 4000,
  shortText: 200,
  sections: 60,
  factsPerSection: 80,
  listItems: 80,
  scheduleRows: 80,
} as const;

const text = (label: string, max: number = LIMITS.text) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .max(max, { error: `${label}不能超过 ${max} 个字` });

const list = (label: string, max: number = LIMITS.listItems) =>
  z
    .array(text(label), { error: `${label}应为列表（每项一段文字）` })
    .max(max, { error: `${label}最多 ${max} 项` });

export const sectionSchema = z.object({
  topic: text('工作领域名称（topic）', LIMITS.shortText),
  /** Extension: a heading the user wrote; used verbatim instead of a composed one. */
  heading: text('小标题（heading）', LIMITS.shortText).optional(),
  facts: list('事实（facts）', LIMITS.factsPerSection).min(1, { error: '每个工作领域至少需要一条事实（facts）' }),
});

export const scheduleRowSchema = z.object({
  when: text('时间（when）', LIMITS.shortText),
  items: list('工作内容（items）').min(1, { error: '每个时间段至少需要一项工作内容（items）' }),
  note: text('备注（note）', LIMITS.shortText).optional(),
});

export const factSheetSchema = z.object({
  type: z.string({ error: '请提供报告类型（type）' }).min(1, { error: '请提供报告类型（type）' }),
  title: text('标题（title）', LIMITS.shortText).optional(),
  org: text('单位名称（org）', LIMITS.shortText),
  period: text('时间段（period）', LIMITS.shortText),
  leadership: text('领导机关（leadership）', LIMITS.shortText).optional(),
  guidance: list('指导思想（guidance）').optional(),
  theme: text('总体要求（theme）').optional(),
  sections: z
    .array(sectionSchema, { error: '工作领域（sections）应为列表' })
    .min(1, { error: '至少需要一个工作领域（sections）' })
    .max(LIMITS.sections, { error: `工作领域（sections）最多 ${LIMITS.sections} 个` }),
  goals: list('工作目标（goals）').optional(),
  problems: list('存在的问题（problems）').optional(),
  nextSteps: list('下一步打算（nextSteps）').optional(),
  schedule: z
    .array(scheduleRowSchema, { error: '工作安排（schedule）应为列表' })
    .max(LIMITS.scheduleRows, { error: `工作安排（schedule）最多 ${LIMITS.scheduleRows} 行` })
    .optional(),
  signature: z
    .object({
      org: text('落款单位（signature.org）', LIMITS.shortText).optional(),
      date: text('成文日期（signature.date）', LIMITS.shortText).optional(),
    })
    .optional(),
  /** Extension: figures computed from given ones (sums across schools, 同比), checked by src/domain/derived-figures.ts. */
  derived: derivedListSchema.optional(),
});

export type FactSheet = z.infer<typeof factSheetSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type ScheduleRow = z.infer<typeof scheduleRowSchema>;

/** One problem found in input, with the dotted path of the field (`sections[0].facts`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** `['sections', 0, 'facts']` → `sections[0].facts` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(根)';
}

/** The value at a zod path of the input, or undefined where it is absent. */
function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * zod issues → one line each, naming the field, in Chinese. With the input, a value of the wrong type reads
 * 类型不对 (and says what it should be), an absent one 缺少 — a schema's own message may not tell them apart.
 */
export function toFieldIssues(error: z.ZodError, input?: unknown): FieldIssue[] {
  return error.issues.map((issue) => {
    if (issue.code !== 'invalid_type') return { path: formatPath(issue.path), message: issue.message };
    const value = input === undefined ? issue.input : valueAt(input, issue.path);
    return { path: formatPath(issue.path), message: value === undefined ? missingMessage(issue.path) : wrongType(issue.expected, value) };
  });
}

function missingMessage(path: ReadonlyArray<PropertyKey>): string {
  const field = formatPath(path);
  const names: Record<string, string> = {
    org: '缺少单位名称（org）',
    period: '缺少时间段（period），例如“2025年”或“2025年上半年”',
    sections: '缺少工作领域（sections）',
    type: '缺少报告类型（type）',
  };
  return names[field] ?? `缺少必填字段 ${field}`;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

/**
 * Validates unknown input as a fact sheet. Pure; never throws.
 * @example parseFactSheet(JSON.parse(body)) // { ok: true, value } | { ok: false, issues }
 */
export function parseFactSheet(input: unknown, knownTypes?: readonly string[]): ParseResult<FactSheet> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, issues: [{ path: '(根)', message: '事实表应为 JSON 对象' }] };
  }
  const parsed = factSheetSchema.safeParse(input);
  const issues = parsed.success ? [] : toFieldIssues(parsed.error, input);
  const type = (input as { type?: unknown }).type;
  if (knownTypes && typeof type === 'string' && type && !knownTypes.includes(type)) {
    issues.unshift({ path: 'type', message: unknownReportType(type, knownTypes) });
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: (parsed as { data: FactSheet }).data };
}

/** Every string a fact sheet holds that can carry figures, in reading order. */
export function factStrings(facts: FactSheet): string[] {
  const out: string[] = [];
  const push = (s: string | undefined) => {
    if (s) out.push(s);
  };
  push(facts.title);
  push(facts.org);
  push(facts.period);
  push(facts.leadership);
  facts.guidance?.forEach(push);
  push(facts.theme);
  for (const section of facts.sections) {
    push(section.topic);
    push(section.heading);
    section.facts.forEach(push);
  }
  facts.goals?.forEach(push);
  facts.problems?.forEach(push);
  facts.nextSteps?.forEach(push);
  for (const row of facts.schedule ?? []) {
    push(row.when);
    row.items.forEach(push);
    push(row.note);
  }
  push(facts.signature?.org);
  push(facts.signature?.date);
  return out;
}
