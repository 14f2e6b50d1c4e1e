/** The report types under prompts/: every folder loads, and each type's parts, prompts and questions hold together. */
import { readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { leafItems } from '../../src/compose/assemble.js';
import { buildPiecePrompt, buildWholePrompt } from '../../src/compose/prompt-builder.js';
import { factSheetSchema, parseFactSheet, REPORT_TYPE_IDS } from '../../src/domain/fact-sheet.js';
import { buildOutline } from '../../src/domain/outline.js';
import { loadReportTypes, ReportTypeError, type ReportType } from '../../src/domain/report-types.js';
import { PROMPTS_DIR, readPromptFiles } from '../../src/node/prompt-files.js';
import { examples } from '../helpers/examples.js';

const files = readPromptFiles();
const types = loadReportTypes(files);
// Folders starting with _ hold shared data (the phrase bank in _phrases/, the typo list in _proofread/), not a report type.
const folders = readdirSync(PROMPTS_DIR).filter((name) => !name.startsWith('_') && statSync(`${PROMPTS_DIR}${name}`).isDirectory());
const all: Array<[string, ReportType]> = [...types.entries()];

/** Placeholders prompt-builder.ts fills: everywhere, and in part prompts only. */
const COMMON = ['org', 'period', 'leadership', 'guidance', 'theme', 'formula', 'outline', 'title'];
const PART_ONLY = ['heading', 'topic', 'facts'];
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);

/** Whether a dotted question field (`sections[].facts`, `signature.date`) names a field of the fact sheet schema. */
function isFactSheetField(path: string): boolean {
  let schema: z.ZodType = factSheetSchema;
  for (const segment of path.split('.')) {
    const match = /^(\w+)(\[\])?$/.exec(segment);
    if (!match) return false;
    while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
    if (!(schema instanceof z.ZodObject)) return false;
    const next = (schema.shape as Record<string, z.ZodType>)[match[1]];
    if (!next) return false;
    schema = next;
    if (match[2]) {
      while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
      if (!(schema instanceof z.ZodArray)) return false;
      schema = schema.element as z.ZodType;
    }
  }
  return true;
}

describe('the prompts folder', () => {
  it('loads one report type per folder, covering the five types of the v1 contract', () => {
    expect([...types.keys()].sort()).toEqual([...folders].sort());
    for (const id of REPORT_TYPE_IDS) expect(types.has(id)).toBe(true);
  });

  it('turns a new folder into a new type, and refuses one whose part prompt is missing', () => {
    const typeJson = JSON.parse(files['work-plan/type.json']);
    const copy: Record<string, string> = { ...files };
    for (const [path, text] of Object.entries(files)) {
      if (path.startsWith('work-plan/')) copy[path.replace('work-plan/', 'term-plan/')] = text;
    }
    copy['term-plan/type.json'] = JSON.stringify({ ...typeJson, id: 'term-plan', name: '学期工作计划' });
    expect(loadReportTypes(copy).get('term-plan')?.name).toBe('学期工作计划');

    delete copy['term-plan/parts/goals.md'];
    expect(() => loadReportTypes(copy)).toThrow(ReportTypeError);
    expect(() => loadReportTypes(copy)).toThrow('prompts/term-plan/parts/goals.md');
  });

  it('has a validator that catches the field-name check failing', () => {
    // The helper below the tests must reject names the schema lacks, or the question checks prove nothing.
    expect(isFactSheetField('sections[].facts')).toBe(true);
    expect(isFactSheetField('signature.date')).toBe(true);
    expect(isFactSheetField('sections[].fact')).toBe(false);
    expect(isFactSheetField('sections.facts')).toBe(false);
    expect(isFactSheetField('problem')).toBe(false);
  });
});

describe.each(all)('report type %s', (id, type) => {
  it('gives every part a prompt that uses the part placeholders and no unknown ones', () => {
    for (const part of type.parts) {
      expect(part.promptText.trim().length, part.prompt).toBeGreaterThan(50);
      expect(part.promptText, part.prompt).toContain('{{facts}}');
      for (const name of placeholders(part.promptText)) expect([...COMMON, ...PART_ONLY], `${part.prompt}: {{${name}}}`).toContain(name);
    }
  });

  it('has an opening prompt ending on the formula and a closing prompt, using only placeholders filled there', () => {
    expect(type.openingPrompt).toContain('{{formula}}');
    expect(type.closingPrompt.trim().length).toBeGreaterThan(20);
    for (const text of [type.openingPrompt, type.closingPrompt]) {
      for (const name of placeholders(text)) expect(COMMON).toContain(name);
    }
  });

  it('asks questions that name fact-sheet fields, required ones first, starting with org, period, sections and facts', () => {
    for (const q of type.questions) expect(isFactSheetField(q.field), q.field).toBe(true);
    expect(type.questions.slice(0, 4).map((q) => [q.field, q.required])).toEqual([
      ['org', true],
      ['period', true],
      ['sections', true],
      ['sections[].facts', true],
    ]);
    const firstOptional = type.questions.findIndex((q) => !q.required);
    expect(type.questions.slice(firstOptional).every((q) => !q.required)).toBe(true);
    expect(new Set(type.questions.map((q) => q.field)).size).toBe(type.questions.length);
    // Every field a part draws on can be asked for, so the dialogue can fill the whole outline.
    for (const part of type.parts) {
      const field = part.source === 'sections' ? 'sections' : part.source;
      expect(type.questions.map((q) => q.field), `${part.id} (${part.source})`).toContain(field);
    }
  });

  it('has an example fact sheet that validates and fills every prompt without a placeholder left', () => {
    const example = examples.find((e) => e.name === id);
    expect(example, `data/examples/${id}.json`).toBeDefined();
    const parsed = parseFactSheet(example!.facts, [...types.keys()]);
    expect(parsed.ok).toBe(true);
    const facts = example!.facts;
    expect(facts.type).toBe(id);
    const outline = buildOutline(facts, type);
    const keys = ['opening', 'closing', ...leafItems(outline).map((item) => item.key)];
    for (const key of keys) {
      const prompt = buildPiecePrompt(type, facts, outline, key);
      expect(prompt.user, key).not.toMatch(/\{\{\w+\}\}/);
      expect(prompt.user, key).not.toContain('（未提供）\n</facts>');
      expect(prompt.system).toBe(type.style);
    }
    const whole = buildWholePrompt(type, facts, outline);
    expect(whole).toContain(type.formula);
    for (const section of facts.sections) expect(whole).toContain(section.topic);
  });
});

describe('each type has the structure of its genre', () => {
  const partShape = (id: string) => types.get(id)!.parts.map((p) => [p.source, p.layout, p.required, p.title ?? null]);

  it('annual and half-year summaries look back over achievements, then problems, then plans', () => {
    expect(types.get('half-year-summary')!.tense).toBe('review');
    expect(partShape('half-year-summary')).toEqual([
      ['sections', 'parts', true, null],
      ['problems', 'parts', true, '存在的问题和不足'],
      ['nextSteps', 'parts', true, '下半年工作打算'],
    ]);
  });

  it('the safety summary is a review with its own genre, problems and next steps', () => {
    const safety = types.get('safety-summary')!;
    expect(safety.tense).toBe('review');
    expect(safety.genre).toContain('安全');
    expect(partShape('safety-summary').map(([source, , required]) => [source, required])).toEqual([
      ['sections', true],
      ['problems', true],
      ['nextSteps', true],
    ]);
  });

  it('the work plan looks ahead: guidance, goals, measures grouped as （一）（二）, an optional schedule', () => {
    const plan = types.get('work-plan')!;
    expect(plan.tense).toBe('plan');
    expect(partShape('work-plan')).toEqual([
      ['guidance', 'parts', true, '指导思想'],
      ['goals', 'parts', true, '工作目标'],
      ['sections', 'group', true, '主要工作和措施'],
      ['schedule', 'parts', false, '工作安排'],
    ]);
  });

  it('key points look ahead: a 总体要求 paragraph, then each area as a top-level part', () => {
    expect(types.get('key-points')!.tense).toBe('plan');
    expect(partShape('key-points')).toEqual([
      ['guidance', 'parts', true, '总体要求'],
      ['sections', 'parts', true, null],
    ]);
  });
});
