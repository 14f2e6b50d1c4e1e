/** Report types as data: loads and validates the folders under prompts/ from a map of file paths to text. */
import { z } from 'zod';
import { loadPhraseBank, PhraseBankError, type PhraseBank } from './phrase-data.js';

/** Where a part's content comes from in the fact sheet. */
export const PART_SOURCES = ['guidance', 'goals', 'sections', 'problems', 'nextSteps', 'schedule'] as const;
export type PartSource = (typeof PART_SOURCES)[number];

const partSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  source: z.enum(PART_SOURCES),
  /** The heading for parts that are not one per section (存在的问题和不足, 工作目标 …). */
  title: z.string().min(1).optional(),
  /** sections only: `parts` makes each section a top-level part (一、二、); `group` nests them as （一）（二） under `title`. */
  layout: z.enum(['parts', 'group']).default('parts'),
  /** A missing required part becomes a visible 【待补充：…】 marker and a warning. */
  required: z.boolean().default(false),
  /** File under the type's folder holding the model prompt for this part. */
  prompt: z.string().min(1),
  /** What the part is, for people and prompts. */
  describe: z.string().min(1),
});

const questionSchema = z.object({
  /** Fact-sheet path the answer fills: org, period, sections, sections[].facts, problems … */
  field: z.string().min(1),
  ask: z.string().min(1),
  example: z.string().min(1),
  required: z.boolean().default(false),
});

const typeFileSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: z.string().min(1),
  /** Title suffix: 工作总结, 安全工作总结, 工作计划, 工作要点. */
  genre: z.string().min(1),
  /** review: looks back (summaries); plan: looks ahead (plans, key points). Sets tense and phrasing. */
  tense: z.enum(['review', 'plan']),
  /** The opening's closing formula: 现将有关情况总结如下。 */
  formula: z.string().min(1),
  /** How headings are phrased, for people and for the model. */
  headingStyle: z.string().min(1),
  parts: z.array(partSchema).min(1),
  questions: z.array(questionSchema).min(1),
  opening: z.object({ prompt: z.string().min(1) }),
  closing: z.object({ prompt: z.string().min(1) }),
});

export type ReportPart = z.infer<typeof partSchema> & { promptText: string };
export type Question = z.infer<typeof questionSchema>;
export interface ReportType extends Omit<z.infer<typeof typeFileSchema>, 'parts' | 'opening' | 'closing'> {
  parts: ReportPart[];
  openingPrompt: string;
  closingPrompt: string;
  /** prompts/_style.md: the style rules every model prompt carries. */
  style: string;
  /** prompts/_phrases/: the offline composer's wording, shared by every type. */
  phrases: PhraseBank;
}

export type PromptFiles = Record<string, string>;

/** A broken prompts folder is a deployment error: say which file and what, once, at start-up. */
export class ReportTypeError extends Error {}

/**
 * Builds the report types from prompt files keyed by path relative to prompts/.
 * @example loadReportTypes({ '_style.md': '…', 'work-plan/type.json': '{…}', 'work-plan/parts/goals.md': '…' })
 */
export function loadReportTypes(files: PromptFiles): Map<string, ReportType> {
  const style = files['_style.md'];
  if (!style) throw new ReportTypeError('prompts/_style.md 缺失');
  let phrases: PhraseBank;
  try {
    phrases = loadPhraseBank(files);
  } catch (error) {
    throw error instanceof PhraseBankError ? new ReportTypeError(error.message) : error;
  }
  const types = new Map<string, ReportType>();
  const folders = Object.keys(files)
    .filter((path) => /^[a-z][a-z0-9-]*\/type\.json$/.test(path))
    .sort();
  for (const path of folders) {
    const folder = path.slice(0, path.indexOf('/'));
    let raw: unknown;
    try {
      raw = JSON.parse(files[path]);
    } catch (error) {
      throw new ReportTypeError(`prompts/${path} 不是合法的 JSON：${(error as Error).message}`);
    }
    const parsed = typeFileSchema.safeParse(raw);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new ReportTypeError(`prompts/${path} 格式有误：${detail}`);
    }
    const def = parsed.data;
    if (def.id !== folder) throw new ReportTypeError(`prompts/${path} 的 id “${def.id}” 应与文件夹名一致`);
    const read = (file: string) => {
      const text = files[`${folder}/${file}`];
      if (text === undefined) throw new ReportTypeError(`prompts/${folder}/${file} 缺失（${path} 引用了它）`);
      return text;
    };
    const { opening, closing, ...rest } = def;
    types.set(def.id, {
      ...rest,
      parts: def.parts.map((part) => ({ ...part, promptText: read(part.prompt) })),
      openingPrompt: read(opening.prompt),
      closingPrompt: read(closing.prompt),
      style,
      phrases,
    });
  }
  if (types.size === 0) throw new ReportTypeError('prompts/ 下没有任何报告类型（<类型>/type.json）');
  return types;
}

/** The public description of a type (GET /api/report-types). */
export function describeReportType(type: ReportType) {
  return {
    id: type.id,
    name: type.name,
    genre: type.genre,
    parts: type.parts.map((p) => ({ id: p.id, source: p.source, title: p.title ?? null, required: p.required, describe: p.describe })),
    questions: type.questions,
  };
}

/**
 * Fills `{{name}}` placeholders in one pass: values are inserted as they are and never scanned again,
 * so a fact that itself reads `{{org}}` stays literal. Unknown placeholders are left in place.
 * @example fillTemplate('{{org}}的{{period}}', { org: '某区教育局', period: '2025年' })
 */
export function fillTemplate(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : value;
  });
}

/**
 * The phrase bank every type of a set shares (prompts/_phrases/), for work that reads fields of work without
 * drafting one type (consolidation).
 * @example phrasesOf(loadReportTypes(files)).fields[0].name // '党建'
 */
export function phrasesOf(types: ReadonlyMap<string, ReportType>): PhraseBank {
  const first = types.values().next();
  if (first.done) throw new ReportTypeError('prompts/ 中没有任何报告类型');
  return first.value.phrases;
}
