/**
 * The phrase bank's data: prompts/_phrases/*.json (fields of work with their keywords, heading openers and
 * leads; plain lead-ins; heading grammar; openings, closings and part leads), read and checked at start-up.
 */
import { z } from 'zod';

export type Tense = 'review' | 'plan';

/** Where the bank lives in the prompts/ file map, file by file. */
export const PHRASE_FILES = {
  fields: '_phrases/fields.json',
  general: '_phrases/general.json',
  headings: '_phrases/headings.json',
  frames: '_phrases/frames.json',
} as const;

/** No phrase holds a digit, so the composer can never add a figure. */
const phrase = z
  .string()
  .min(1)
  .refine((text) => !/[0-9０-９]/.test(text), { error: '措辞中不能有数字（数字只能来自事实）' });
const phrases = z.array(phrase).min(1);
const words = z.array(z.string().min(1));
const tensed = z.object({ review: phrases, plan: phrases });

const fieldSchema = z.object({
  /** Words that name this field: they choose it, and a sentence holding one speaks of it. */
  keywords: words.min(1),
  /** Words too common to name the field (管理, 培训, 责任 …): they help choose it, at a lower weight, never name it. */
  weak: words.default([]),
  /** A specific field (消防, 预案 …) beats a broad one on equal evidence. */
  specific: z.boolean().default(false),
  /** The broader field whose wording a section falls back on; naming a field names its parent too. */
  parent: z.string().optional(),
  /** Heading openers that state the approach: 坚持……, 聚焦……. */
  approaches: phrases,
  /** First sentences of a section, by tense. */
  leads: tensed,
});

const generalSchema = z.object({
  /** Heading openers that name no field. */
  approaches: phrases,
  /** Lead-ins that claim nothing (主要做了以下工作：), for a section whose field is unclear. */
  leads: tensed,
  /** The lead-in once the plain ones are used up; `{{topic}}` is the section's topic. */
  topicLead: z.object({ review: phrase, plan: phrase }),
});

const headingsSchema = z.object({
  results: tensed,
  verbTopicResults: tensed,
  approachStarts: words,
  resultAdverbs: words,
  resultVerbs: words,
  resultEndings: words,
  adverbStarts: words,
  verbStarts: words,
  workEndings: words,
  levelEndings: words,
});

/** Templates by report type id or by tense; `[…]` is left out when a placeholder inside it has no value. */
const templates = z.record(z.string(), phrases);
const framesSchema = z.object({
  openings: templates,
  verdicts: templates,
  closings: templates,
  partLeads: z.object({
    problems: z.object({ review: phrase, plan: phrase }),
    nextSteps: z.object({ review: phrase, plan: phrase }),
    goals: z.object({ review: phrase, plan: phrase }),
    schedule: z.object({ review: phrase, plan: phrase }),
  }),
});

export type FieldData = z.infer<typeof fieldSchema>;
export interface Field extends FieldData {
  name: string;
}

export interface PhraseBank {
  fields: Field[];
  general: z.infer<typeof generalSchema>;
  headings: z.infer<typeof headingsSchema>;
  frames: z.infer<typeof framesSchema>;
}

/** A broken phrase file is a deployment error: say which file and what, once, at start-up. */
export class PhraseBankError extends Error {}

function parse<T>(files: Record<string, string>, path: string, schema: z.ZodType<T>): T {
  const text = files[path];
  if (text === undefined) throw new PhraseBankError(`prompts/${path} 缺失`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PhraseBankError(`prompts/${path} 不是合法的 JSON：${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new PhraseBankError(`prompts/${path} 格式有误：${detail}`);
  }
  return parsed.data;
}

/**
 * Reads the phrase bank from the prompts/ file map (the same map the report types come from).
 * @example loadPhraseBank(readPromptFiles()).fields.map((f) => f.name) // ['党建', '德育', …]
 */
export function loadPhraseBank(files: Record<string, string>): PhraseBank {
  const fieldMap = parse(files, PHRASE_FILES.fields, z.record(z.string().min(1), fieldSchema));
  const fields = Object.entries(fieldMap).map(([name, data]) => ({ name, ...data }));
  for (const field of fields) {
    if (field.parent && !fieldMap[field.parent]) {
      throw new PhraseBankError(`prompts/${PHRASE_FILES.fields} 格式有误：${field.name}.parent: 没有名为“${field.parent}”的领域`);
    }
  }
  const frames = parse(files, PHRASE_FILES.frames, framesSchema);
  for (const table of ['openings', 'closings'] as const) {
    for (const [key, templates] of Object.entries(frames[table])) {
      if (!templates.some(alwaysFills)) {
        throw new PhraseBankError(`prompts/${PHRASE_FILES.frames} 格式有误：${table}.${key}: 至少要有一个模板只在 [] 外用 {{org}} {{period}} {{formula}} {{verdict}}，事实表缺项时才有句可用`);
      }
    }
  }
  return {
    fields,
    general: parse(files, PHRASE_FILES.general, generalSchema),
    headings: parse(files, PHRASE_FILES.headings, headingsSchema),
    frames,
  };
}

/** Placeholders every fact sheet fills: org and period are required, the formula and verdict are ours. */
const ALWAYS = new Set(['org', 'period', 'formula', 'verdict']);
const alwaysFills = (template: string) =>
  [...template.replace(/\[[^\][]*\]/g, '').matchAll(/\{\{(\w+)\}\}/g)].every((m) => ALWAYS.has(m[1]));
