/** A table in a school's report (Markdown rows, as the import keeps them) read as facts: 教师培训210人次, not “| 教师培训 | 210人次 |”. Pure. */
import type { Section } from '../domain/fact-sheet.js';

const ROW = /^\s*\|(.*)\|\s*$/;
const SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;

const cells = (row: string) => ROW.exec(row)![1].split('|').map((c) => c.trim()).filter(Boolean);

/** One row as a clause: a name and its figure run together (教师培训210人次), other cells joined by commas. */
function rowText(row: string): string {
  const parts = cells(row);
  if (parts.length === 2 && /^[0-9０-９]/.test(parts[1])) return `${parts[0]}${parts[1]}`;
  return parts.join('，');
}

/**
 * Table rows become facts; the separator row and the header row above it (column names) go.
 * @example withTablesAsFacts({ topic: '队伍', facts: ['| 项目 | 完成 |', '| --- | --- |', '| 教师培训 | 210人次 |'] }).facts // ['教师培训210人次']
 */
export function withTablesAsFacts(section: Section): Section {
  if (!section.facts.some((f) => ROW.test(f))) return section;
  const facts: string[] = [];
  section.facts.forEach((fact, i) => {
    if (SEPARATOR.test(fact) && ROW.test(fact)) return;
    const header = ROW.test(fact) && i + 1 < section.facts.length && SEPARATOR.test(section.facts[i + 1]);
    if (header) return;
    const text = ROW.test(fact) ? rowText(fact) : fact;
    if (text) facts.push(text);
  });
  return facts.length ? { ...section, facts } : section;
}
