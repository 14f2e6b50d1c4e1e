/** The import fixtures (texts written for these tests, each carrying a kind of noise) and the figure bookkeeping shared by the tests. */
import { readFileSync } from 'node:fs';
import { factStrings, type FactSheet } from '../../src/domain/fact-sheet.js';
import { findFigures, normaliseFigure } from '../../src/domain/figures.js';

export const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url), 'utf8');

/** Line-leading numbering (1、 2. （1）) is structure, not a figure: the import turns it into order. */
const NUMBERING = /^\s*(?:\d{1,2}(?:[、．]|\.(?!\d))|[（(]\d{1,2}[）)])/gm;

/** The figures of a text, folded (full-width → half-width), numbering aside. */
export function figuresOf(text: string): Set<string> {
  return new Set(findFigures(text.replace(NUMBERING, '')).map(normaliseFigure));
}

/** The figures a fact sheet holds, folded the same way. */
export function factFigures(facts: Partial<FactSheet>): Set<string> {
  return new Set(factStrings(facts as FactSheet).flatMap(findFigures).map(normaliseFigure));
}

/** The text without the given lines (a fixture's boilerplate, whose figures must NOT survive). */
export function withoutLines(text: string, lines: string[]): string {
  return text
    .split('\n')
    .filter((l) => !lines.includes(l.trim()))
    .join('\n');
}

/** The numbers of a text (digit runs, half-width), numbering aside: for text whose units change script (個 → 个). */
export function numbersOf(text: string): Set<string> {
  return new Set((normaliseFigure(text.replace(NUMBERING, '')).match(/\d+(?:\.\d+)?/g) ?? []));
}
