/**
 * 汇总: several schools' reports → one fact sheet for the compiling unit. Each report is imported as it stands
 * (src/import), its areas matched by meaning and merged, each school's facts kept under the merged area with the
 * school named, problems and next steps said once with their sources, and sums across schools offered. Pure.
 */
import { LIMITS, REPORT_TYPE_IDS, type FactSheet, type Section } from '../domain/fact-sheet.js';
import type { DerivedFigure } from '../domain/derived-figures.js';
import { findFigures } from '../domain/figures.js';
import { checkedFacts, importReport, type ImportResult } from '../import/import-report.js';
import { areaOf } from './area-match.js';
import type { PhraseBank } from '../domain/phrase-bank.js';
import { withTablesAsFacts } from './table-rows.js';
import { measuredFigures, offerSums } from './measures.js';
import { mergeItems, type MergedItem } from './merge-items.js';

export interface SchoolReport {
  /** The file name or a label: used for the school when its report names no unit. */
  name: string;
  text: string;
}

export interface ConsolidateOptions {
  /** The phrase bank (prompts/_phrases/) whose fields of work the areas are matched by. */
  phrases: PhraseBank;
  type?: string;
  org?: string;
  period?: string;
  /** Area keys whose merge is undone: each school's section stands on its own. */
  split?: readonly string[];
  /** Area keys to merge into one (the first key's area), for fields the matching kept apart. */
  merge?: ReadonlyArray<readonly string[]>;
}

export interface ConsolidationWarning {
  /** guessed | missing | school-named-by-file | school-renamed | mixed-types | empty-report | not-carried | invalid */
  code: string;
  field?: string;
  school?: string;
  message: string;
}

/** What was recognised in one school's report. */
export interface SchoolSummary {
  school: string;
  file: string;
  type: string;
  period?: string;
  areas: Array<{ topic: string; heading?: string; facts: number; area: string }>;
  /** The import's own notes for this report (web noise removed, guesses…). */
  notes: string[];
}

/** A merged area: its key (for split / merge), its name, and every school section it holds. */
export interface MergedArea {
  key: string;
  topic: string;
  members: Array<{ school: string; topic: string; heading?: string }>;
}

export interface ConsolidationResult {
  facts: Partial<FactSheet> & { type: string; sections: Section[] };
  valid: boolean;
  warnings: ConsolidationWarning[];
  consolidation: {
    schools: SchoolSummary[];
    areas: MergedArea[];
    problems: MergedItem[];
    nextSteps: MergedItem[];
    goals: MergedItem[];
  };
}

const basename = (name: string) => name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || name;
const trimEnd = (text: string) => text.trim().replace(/[。；;，,、\s]+$/u, '');

interface Imported {
  school: string;
  file: string;
  result: ImportResult;
}

/** Each report imported, each school named once: by its unit, else its file; two of one name told apart by file. */
function importAll(reports: readonly SchoolReport[], warnings: ConsolidationWarning[]): Imported[] {
  const imported = reports.map((r): Imported => {
    const result = importReport(r.text);
    const org = result.facts.org;
    if (!org) {
      warnings.push({ code: 'school-named-by-file', school: basename(r.name), message: `“${r.name}”中没有读出单位名称，以文件名“${basename(r.name)}”称呼这所学校` });
    }
    return { school: org ?? basename(r.name), file: r.name, result };
  });
  const seen = new Map<string, number>();
  for (const i of imported) seen.set(i.school, (seen.get(i.school) ?? 0) + 1);
  for (const i of imported) {
    if (seen.get(i.school)! > 1) {
      const renamed = `${i.school}（${basename(i.file)}）`;
      warnings.push({ code: 'school-renamed', school: renamed, message: `有 ${seen.get(i.school)} 份报告的单位都是“${i.school}”，以“${renamed}”区分` });
      i.school = renamed;
    }
  }
  return imported;
}

/** The most frequent value, and whether every report agreed. */
function mostCommon(values: Array<string | undefined>): { value?: string; unanimous: boolean } {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let value: string | undefined;
  for (const [v, n] of counts) if (!value || n > counts.get(value)!) value = v;
  return { value, unanimous: counts.size === 1 && values.every(Boolean) };
}

/** One school's facts of an area as the county states them: the school, then its facts, one item per school. */
function schoolFacts(school: string, facts: readonly string[]): string[] {
  const out: string[] = [];
  let current = '';
  for (const fact of facts.map(trimEnd).filter(Boolean)) {
    const next = current ? `${current}；${fact}` : `${school}：${fact}`;
    if (next.length + 1 > LIMITS.text && current) {
      out.push(`${current}。`);
      current = `${school}：${fact}`;
    } else current = next;
  }
  if (current) out.push(`${current}。`);
  return out;
}

interface Member {
  school: string;
  section: Section;
}

/**
 * @example consolidateReports([{ name: '一小.txt', text }, { name: '二小.txt', text: text2 }], { org: '某县教育局' }).facts.sections
 */
export function consolidateReports(reports: readonly SchoolReport[], options: ConsolidateOptions): ConsolidationResult {
  const warnings: ConsolidationWarning[] = [];
  const imported = importAll(reports, warnings);

  // Areas in order of first appearance; a key that the user merged into another answers to that one.
  const mergeInto = new Map<string, string>();
  for (const keys of options.merge ?? []) for (const k of keys.slice(1)) if (keys[0] && k !== keys[0]) mergeInto.set(k, keys[0]);
  const split = new Set(options.split ?? []);
  const areas = new Map<string, { name: string; own: boolean; members: Member[] }>();
  const schools: SchoolSummary[] = [];
  const basics: Member[] = [];
  for (const { school, file, result } of imported) {
    const summary: SchoolSummary = { school, file, type: result.facts.type, ...(result.facts.period ? { period: result.facts.period } : {}), areas: [], notes: result.warnings.map((w) => w.message) };
    schools.push(summary);
    if (!result.facts.sections.length) warnings.push({ code: 'empty-report', school, message: `“${file}”中没有读出工作领域（“一、……”等小标题），这份报告的内容未能汇入` });
    for (const section of result.facts.sections.map(withTablesAsFacts)) {
      const found = areaOf(section, options.phrases, { safety: (options.type ?? result.facts.type).startsWith('safety') });
      let key = mergeInto.get(found.key) ?? found.key;
      // A merged area is named after the area the others were merged into, once a section of that one comes.
      let name = found.name;
      let own = key === found.key;
      if (split.has(key)) {
        key = `${key}#${school}`;
        name = `${section.topic}（${school}）`;
        own = true;
      }
      const area = areas.get(key) ?? { name, own, members: [] };
      if (own && !area.own) Object.assign(area, { name, own });
      areas.set(key, area);
      area.members.push({ school, section });
      summary.areas.push({ topic: section.topic, ...(section.heading ? { heading: section.heading } : {}), facts: section.facts.length, area: key });
    }
    // An opening that holds figures (全校有教师86名) is kept as that school's basic facts; one without is rhetoric.
    const theme = result.facts.theme;
    if (theme && findFigures(theme).length) basics.push({ school, section: { topic: '基本情况', facts: [theme] } });
    if (result.facts.schedule?.length) warnings.push({ code: 'not-carried', school, field: 'schedule', message: `${school}的工作安排表（${result.facts.schedule.length} 行）未汇入，需要时请另行整理` });
  }
  if (basics.length) areas.set('basics', { name: '基本情况', own: true, members: basics });

  const sections: Section[] = [];
  const derived: DerivedFigure[] = [];
  const merged: MergedArea[] = [];
  // 基本情况 first, as a compiled report states the scale before the work.
  const ordered = [...areas].sort(([a], [b]) => Number(b === 'basics') - Number(a === 'basics'));
  for (const [key, area] of ordered) {
    const facts = area.members.flatMap((m) => schoolFacts(m.school, m.section.facts)).slice(0, LIMITS.factsPerSection);
    if (!facts.length) continue;
    sections.push({ topic: area.name, facts });
    merged.push({ key, topic: area.name, members: area.members.map((m) => ({ school: m.school, topic: m.section.topic, ...(m.section.heading ? { heading: m.section.heading } : {}) })) });
    if (new Set(area.members.map((m) => m.school)).size > 1) {
      const { offers, leftOut } = offerSums(area.members.flatMap((m) => measuredFigures(m.school, m.section.facts)));
      derived.push(...offers);
      for (const l of leftOut) {
        warnings.push({ code: 'sum-left-out', school: l.school, message: `“${area.name}”中${l.school}的“${l.label}”有 ${l.figures.length} 个数字（${l.figures.join('、')}），未计入合计，请核对` });
      }
    }
    const kept = area.members.reduce((n, m) => n + schoolFacts(m.school, m.section.facts).length, 0);
    if (kept > LIMITS.factsPerSection) warnings.push({ code: 'trimmed', field: 'sections', message: `“${area.name}”汇入的条目超过 ${LIMITS.factsPerSection} 条，只保留了前 ${LIMITS.factsPerSection} 条，请拆分这个领域` });
  }

  const lists = (pick: (f: ImportResult['facts']) => readonly string[] | undefined) =>
    mergeItems(imported.map(({ school, result }) => ({ school, items: pick(result.facts) ?? [] })));
  const problems = lists((f) => f.problems);
  const nextSteps = lists((f) => f.nextSteps);
  const goals = lists((f) => f.goals);
  const guidance = [...new Set(imported.flatMap((i) => i.result.facts.guidance ?? []))];

  const type = options.type ?? pickType(imported, warnings);
  const period = options.period ?? pickPeriod(imported, warnings);
  const org = options.org;
  if (!org) warnings.push({ code: 'missing', field: 'org', message: '请提供汇总单位名称（org），例如“某某县教育局”（命令行用 --org）' });

  const facts: ConsolidationResult['facts'] = {
    type,
    ...(org ? { org } : {}),
    ...(period ? { period } : {}),
    ...(guidance.length ? { guidance: guidance.slice(0, LIMITS.listItems) } : {}),
    sections: sections.slice(0, LIMITS.sections),
    ...(goals.length ? { goals: goals.slice(0, LIMITS.listItems).map((g) => g.text) } : {}),
    ...(problems.length ? { problems: problems.slice(0, LIMITS.listItems).map((p) => p.text) } : {}),
    ...(nextSteps.length ? { nextSteps: nextSteps.slice(0, LIMITS.listItems).map((n) => n.text) } : {}),
    ...(org ? { signature: { org } } : {}),
    ...(derived.length ? { derived } : {}),
  };
  return {
    ...checkedFacts(facts, options.type ? undefined : REPORT_TYPE_IDS, warnings),
    warnings,
    consolidation: { schools, areas: merged, problems, nextSteps, goals },
  };
}

function pickType(imported: Imported[], warnings: ConsolidationWarning[]): string {
  const { value, unanimous } = mostCommon(imported.map((i) => i.result.facts.type));
  const type = value ?? 'annual-summary';
  warnings.push({
    code: unanimous ? 'guessed' : 'mixed-types',
    field: 'type',
    message: unanimous ? `报告类型按各校报告推断为“${type}”，可用 type 指定` : `各校报告的类型不一致，按多数取“${type}”，请用 type 指定`,
  });
  return type;
}

function pickPeriod(imported: Imported[], warnings: ConsolidationWarning[]): string | undefined {
  // 2025年度 and 2025年 name one period.
  const { value, unanimous } = mostCommon(imported.map((i) => i.result.facts.period?.replace(/年度$/, '年')));
  if (value && unanimous) {
    warnings.push({ code: 'guessed', field: 'period', message: `时间段取自各校报告：“${value}”，可用 period 指定` });
    return value;
  }
  warnings.push({
    code: 'missing',
    field: 'period',
    message: value ? `各校报告的时间段不一致（多数为“${value}”），请提供时间段（period，命令行用 --period）` : '请提供时间段（period），例如“2025年上半年”（命令行用 --period）',
  });
  return undefined;
}
