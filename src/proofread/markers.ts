/** Leftovers a draft must not be sent with: 【待补充：…】 markers and template placeholders (××). */
import type { PreparedText, ProofIssue } from './issue.js';

/** All leftover markers. */
export function markerIssues(t: PreparedText): ProofIssue[] {
  const out: ProofIssue[] = [];
  for (const m of t.original.matchAll(/【待补充[：:]?([^】\n]*)】/g)) {
    const what = m[1].trim();
    out.push({ start: m.index!, end: m.index! + m[0].length, kind: 'marker', message: `待补充：${what || '此处内容'}尚未填写` });
  }
  for (const m of t.masked.matchAll(/[×ＸX]{2,}/g)) {
    if (m[0].startsWith('X') && /[A-Za-z]/.test(t.masked.slice(m.index! - 1, m.index!) + t.masked.slice(m.index! + m[0].length, m.index! + m[0].length + 1))) continue;
    out.push({ start: m.index!, end: m.index! + m[0].length, kind: 'marker', message: `待补充：“${m[0]}”是模板中的占位符，请填写实际内容` });
  }
  return out;
}
