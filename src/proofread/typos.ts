/** Typos: the confusions 公文 really suffer, from prompts/_proofread/typos.json, each matched only in its context. */
import typoFile from '../../prompts/_proofread/typos.json';
import type { PreparedText, ProofIssue } from './issue.js';

/** One entry of the list: a wrong spelling, the right one, and optional context (regex sources) it must or must not have. */
export interface TypoEntry {
  wrong: string;
  right: string;
  note?: string;
  after?: string;
  notAfter?: string;
  before?: string;
  notBefore?: string;
}

interface Compiled extends TypoEntry {
  test: (text: string, start: number, end: number) => boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WINDOW = 12;

/**
 * Compiles a list into one matcher: one alternation (longest first), context checked per hit. An entry a person
 * mistyped (no wrong or right spelling, a context that is not a valid regex) is left out and listed in `problems`,
 * so one bad line never stops the service.
 */
export function compileTypos(entries: readonly TypoEntry[]) {
  const byWrong = new Map<string, Compiled>();
  const problems: string[] = [];
  for (const entry of entries) {
    if (typeof entry?.wrong !== 'string' || !entry.wrong || typeof entry.right !== 'string' || entry.wrong === entry.right) {
      problems.push(`${JSON.stringify(entry)}：wrong 与 right 应为两个不同的词`);
      continue;
    }
    let after: RegExp | null, notAfter: RegExp | null, before: RegExp | null, notBefore: RegExp | null;
    try {
      after = entry.after ? new RegExp(`^(?:${entry.after})`, 'u') : null;
      notAfter = entry.notAfter ? new RegExp(`^(?:${entry.notAfter})`, 'u') : null;
      before = entry.before ? new RegExp(`(?:${entry.before})$`, 'u') : null;
      notBefore = entry.notBefore ? new RegExp(`(?:${entry.notBefore})$`, 'u') : null;
    } catch {
      problems.push(`“${entry.wrong}”：前后文条件不是合法的正则表达式`);
      continue;
    }
    byWrong.set(entry.wrong, {
      ...entry,
      test(text, start, end) {
        const tail = text.slice(end, end + WINDOW);
        const head = text.slice(Math.max(0, start - WINDOW), start);
        return (!after || after.test(tail)) && (!notAfter || !notAfter.test(tail)) && (!before || before.test(head)) && (!notBefore || !notBefore.test(head));
      },
    });
  }
  const words = [...byWrong.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(words.map(escape).join('|'), 'g');
  const check = (t: PreparedText): ProofIssue[] => {
    const out: ProofIssue[] = [];
    if (!words.length) return out;
    for (const m of t.masked.matchAll(pattern)) {
      const entry = byWrong.get(m[0])!;
      const start = m.index!;
      const end = start + m[0].length;
      if (!entry.test(t.masked, start, end)) continue;
      out.push({ start, end, kind: 'typo', message: `错别字：“${entry.wrong}”应为“${entry.right}”${entry.note ? `（${entry.note}）` : ''}`, suggestion: entry.right });
    }
    return out;
  };
  return Object.assign(check, { problems });
}

/** The list shipped in prompts/_proofread/typos.json (bundled into the Worker by the build, as an import). */
export const TYPOS: readonly TypoEntry[] = (typoFile as { entries: TypoEntry[] }).entries;

export const typoIssues = compileTypos(TYPOS);
