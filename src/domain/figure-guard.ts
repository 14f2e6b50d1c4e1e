/**
 * The figure guard: every figure of the fact sheet stands in the draft exactly, and the draft holds no
 * figure the facts lack. Runs on every draft, whichever composer wrote it. Pure.
 */
import { factStrings, type FactSheet } from './fact-sheet.js';
import { findFigureMarks, withoutListNumbering } from './figures.js';
import { checkDerivedList, type DerivedReport } from './derived-figures.js';

export interface FigureReport {
  /** Distinct figures of the fact sheet. */
  given: string[];
  /** Given figures found in the draft. */
  used: string[];
  /** Figures in the draft that no fact holds. */
  invented: string[];
  /** Given figures the draft lacks. */
  missing: string[];
  /** Derived figures of the fact sheet, each with how it was computed and whether it holds (only when the facts have some). */
  derived?: DerivedReport[];
}

export type WarningCode = 'placeholder' | 'figure-invented' | 'figure-missing' | 'composer-fallback' | 'model' | 'derived-invalid';

export interface DraftWarning {
  code: WarningCode;
  message: string;
  figure?: string;
  sentence?: string;
}

/** Marker for a part the user did not give: visible in the draft, never filled by invention. */
export const placeholder = (what: string) => `【待补充：${what}】`;
const PLACEHOLDER = /【待补充[：:]([^】]*)】/g;

const unique = (items: string[]) => [...new Set(items)];

/** The sentence around a position, for a warning a person can act on. */
function sentenceAround(text: string, index: number): string {
  const stops = /[。！？!?\n；]/;
  let start = index;
  while (start > 0 && !stops.test(text[start - 1])) start--;
  let end = index;
  while (end < text.length && !stops.test(text[end])) end++;
  return text.slice(start, Math.min(end + 1, text.length)).replace(/^[#>\s|-]+/, '').trim();
}

/**
 * Compares the figures of a draft with those of its facts and lists the markers still to fill.
 * @example guardFigures(facts, markdown).figures.invented // [] when the draft is faithful
 */
export function guardFigures(facts: FactSheet, markdown: string): { figures: FigureReport; warnings: DraftWarning[] } {
  const givenMarks = factStrings(facts).flatMap(findFigureMarks);
  const given = unique(givenMarks.map((m) => m.figure));
  const body = withoutListNumbering(markdown);
  // Compared by identity: 1,260 is 1260, but 约1260 or 1260余 is not (figures.ts).
  const givenIds = new Set(givenMarks.map((m) => m.identity));
  const draftMarks = findFigureMarks(body);
  const draftIds = new Set(draftMarks.map((m) => m.identity));
  const used = new Set(givenMarks.filter((m) => draftIds.has(m.identity)).map((m) => m.figure));
  // A derived figure may stand in the draft only when the user accepted it and its arithmetic holds.
  const derived = facts.derived ? checkDerivedList(facts.derived, given) : undefined;
  const stated = new Set(
    (derived ?? []).filter((d) => d.accepted && d.ok).flatMap((d) => findFigureMarks(d.value).map((m) => m.identity)),
  );
  const figures: FigureReport = {
    given,
    used: given.filter((f) => used.has(f)),
    invented: unique(draftMarks.filter((m) => !givenIds.has(m.identity) && !stated.has(m.identity)).map((m) => m.written)),
    missing: given.filter((f) => !used.has(f)),
    ...(derived ? { derived } : {}),
  };
  const warnings: DraftWarning[] = [];
  for (const d of derived ?? []) {
    if (!d.ok) warnings.push({ code: 'derived-invalid', figure: d.value, message: `计算得出的数字“${d.value}”未采用：${d.reason}（${d.formula}）` });
  }
  for (const figure of figures.invented) {
    const sentence = sentenceAround(body, body.indexOf(figure));
    warnings.push({
      code: 'figure-invented',
      figure,
      sentence,
      message: `数字“${figure}”在所提供的事实中找不到，请核实：${sentence}`,
    });
  }
  for (const figure of figures.missing) {
    warnings.push({ code: 'figure-missing', figure, message: `事实中的数字“${figure}”没有出现在稿件中` });
  }
  for (const what of unique([...markdown.matchAll(PLACEHOLDER)].map((m) => m[1]))) {
    warnings.push({ code: 'placeholder', message: `待补充：${what}` });
  }
  return { figures, warnings };
}
