/** Repeated characters and words (了了, 加强加强) where the repetition is a slip, not a word (层层, 人人, 不了了之). */
import { HAN, type PreparedText, type ProofIssue } from './issue.js';

/** Function characters that are never doubled in 公文; content characters double into real words too often (层层, 处处). */
const SINGLE = '的了是在和与及并把被将对从向以于由或而就也都还又已要会能应该所其之这那此按据让使';
/** Real words and phrases that contain such a pair. */
const ALLOWED = ['不了了之', '了了分明', '的的确确', '是是非非'];

const doubled = new RegExp(`([${SINGLE}])\\1`, 'gu');
const repeatedWord = new RegExp(`(${HAN}{2,4})\\1`, 'gu');

/** All repetition checks. */
export function repeatIssues(t: PreparedText): ProofIssue[] {
  const text = t.masked;
  const out: ProofIssue[] = [];
  for (const m of text.matchAll(doubled)) {
    const i = m.index!;
    if (ALLOWED.some((word) => {
      const at = word.indexOf(m[0]);
      return at >= 0 && text.startsWith(word, i - at);
    })) continue;
    out.push({ start: i, end: i + 2, kind: 'repeat', message: `重复：“${m[1]}”连写了两次`, suggestion: m[1] });
  }
  for (const m of text.matchAll(repeatedWord)) {
    const word = m[1];
    // 扎扎实实 and 方方面面 are AABB, not a word said twice; 一天一天 is rare in 公文 and still worth a look.
    out.push({ start: m.index!, end: m.index! + m[0].length, kind: 'repeat', message: `重复：“${word}”连写了两次`, suggestion: word });
  }
  return out;
}
