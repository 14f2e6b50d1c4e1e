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

/** Compiles a list into one matcher: one alternation (longest first), context checked per hit. */
export function compileTypos(entries: readonly TypoEntry[]) {
  const byWrong = new Map<string, Compiled>();
  for (const entry of entries) {
    const after = entry.after ? new RegExp(`^(?:${entry.after})`, 'u') : null;
    const notAfter = entry.notAfter ? new RegExp(`^(?:${entry.notAfter})`, 'u') : null;
    const before = entry.before ? new RegExp(`(?:${entry.before})$`, 'u') : null;
    const notBefore = entry.notBefore ? new RegExp(`(?:${entry.notBefore})$`, 'u') : null;
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
  return (t: PreparedText): ProofIssue[] => {
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
}

/** The list shipped in prompts/_proofread/typos.json (bundled into the Worker by the build, as an import). */
export const TYPOS: readonly TypoEntry[] = (typoFile as { entries: TypoEntry[] }).entries;

export const typoIssues = compileTypos(TYPOS);
