/**
 * Tables in imported text — Markdown (`| a | b |`), or one line per row with its cells between tabs (plain-text
 * and Word exports) — as table lines, and a work plan's 工作安排 table as `schedule` rows. Pure.
 */
import { LIMITS, type ScheduleRow } from '../domain/fact-sheet.js';

/** How a table row stands in cleaned text: `| a | b | c |`, cells without pipes. */
export const TABLE_LINE = /^\|.*\|$/;
const SEPARATOR = /^\|(?:\s*:?-{2,}:?\s*\|)+$/;

/**
 * Tab-separated rows become Markdown rows, so they survive cleaning (which turns tabs into spaces) and read the
 * same whichever file they came from. A line with one tab is a row only next to other rows.
 * @example tableLines('时间\t工作内容\n9月\t开学检查') // '| 时间 | 工作内容 |\n| 9月 | 开学检查 |'
 */
export function tableLines(text: string): string {
  const lines = text.split('\n');
  const cells = lines.map((line) => (line.includes('\t') && line.trim() ? line.split('\t').map((c) => c.trim()) : null));
  return lines
    .map((line, i) => {
      const row = cells[i];
      if (!row || row.length < 2) return line;
      if (row.length < 3 && !nearRow(lines, cells, i, -1) && !nearRow(lines, cells, i, 1)) return line;
      return `| ${row.map((c) => c.replace(/\|/g, '｜')).join(' | ')} |`;
    })
    .join('\n');
}

/** Whether the nearest non-blank line above or below is a row too. */
function nearRow(lines: string[], cells: Array<string[] | null>, i: number, step: -1 | 1): boolean {
  for (let j = i + step; j >= 0 && j < lines.length; j += step) {
    if (lines[j].trim()) return Boolean(cells[j]);
  }
  return false;
}

/** The cells of a table line. */
export function rowCells(line: string): string[] {
  return line.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

export const isSeparatorRow = (line: string) => SEPARATOR.test(line.replace(/\s+/g, ''));

/** A header row: short labels, no figure. */
export function isHeaderRow(cells: string[]): boolean {
  return cells.every((c) => c.length <= 8 && !/\d/.test(c)) && cells.some((c) => /时间|日期|周次|月份|内容|事项|任务|备注|责任|牵头|安排/.test(c));
}

/** Which column holds the time, the work and the note, from the header (or the usual order). */
function columns(header: string[] | undefined): { when: number; items: number; note: number } {
  if (!header) return { when: 0, items: 1, note: 2 };
  const find = (re: RegExp, fallback: number) => {
    const i = header.findIndex((c) => re.test(c));
    return i >= 0 ? i : fallback;
  };
  return { when: find(/时间|日期|周次|月份|阶段/, 0), items: find(/内容|事项|任务|安排|工作/, 1), note: find(/备注|责任|牵头|说明/, 2) };
}

/**
 * The schedule rows of a table's lines: the time, the work (items split at ；), the note. Rows without a time or
 * without work are skipped and returned as `rest` so nothing is lost.
 * @example scheduleRows(['| 时间 | 工作内容 | 备注 |', '| 9月 | 开学检查；入学教育 | 基教股 |']).rows // [{ when: '9月', items: […], note: '基教股' }]
 */
export function scheduleRows(lines: string[]): { rows: ScheduleRow[]; rest: string[] } {
  const table = lines.filter((l) => !isSeparatorRow(l)).map(rowCells);
  const header = table[0] && isHeaderRow(table[0]) ? table.shift() : undefined;
  const col = columns(header);
  const rows: ScheduleRow[] = [];
  const rest: string[] = [];
  for (const cells of table) {
    const when = cells[col.when]?.trim() ?? '';
    const items = (cells[col.items] ?? '').split(/[；;]/).map((s) => s.trim().replace(/[。，,]+$/, '')).filter(Boolean);
    const note = col.note < cells.length ? cells[col.note]?.trim() : '';
    if (!when || !items.length) {
      const text = cells.filter(Boolean).join('，');
      if (text) rest.push(text);
      continue;
    }
    rows.push({ when: when.slice(0, LIMITS.shortText), items: items.slice(0, LIMITS.listItems), ...(note ? { note: note.slice(0, LIMITS.shortText) } : {}) });
  }
  return { rows: rows.slice(0, LIMITS.scheduleRows), rest };
}

/** A time a schedule line starts with: 9月, 9月上旬, 9—10月, 第3周, 第1—2周, 9月1日—9月7日, 寒假. */
const WHEN = /^((?:第\s*\d{1,2}(?:\s*[—–\-~至]\s*\d{1,2})?\s*周|\d{1,2}(?:\s*[—–\-~至]\s*\d{1,2})?\s*月(?:份|上旬|中旬|下旬|初|底|中)?(?:\d{1,2}日(?:\s*[—–\-~至]\s*(?:\d{1,2}月)?\d{1,2}日)?)?|寒假|暑假|开学前|学期初|学期末|期中|期末)(?:[（(][^）)]{1,30}[）)])?)\s*[：:]\s*(.+)$/;

/**
 * A schedule written as lines ("9月：开学典礼；新生教育") rather than a table: its rows, or null when a line is not one.
 * @example scheduleLine('10月：国庆主题教育；运动会') // { when: '10月', items: ['国庆主题教育', '运动会'] }
 */
export function scheduleLine(line: string): ScheduleRow | null {
  const m = WHEN.exec(line.trim());
  if (!m) return null;
  const items = m[2].split(/[；;]/).map((s) => s.trim().replace(/[。，,]+$/, '')).filter(Boolean);
  return items.length ? { when: m[1].slice(0, LIMITS.shortText), items: items.slice(0, LIMITS.listItems) } : null;
}
