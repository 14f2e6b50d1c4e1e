/** Free-text answers into items: split lists and sentences, strip the numbering people type, drop filler. Pure. */

/** Words that carry no fact: acknowledgements, hesitations, sign-offs. */
const FILLER_WORDS = [
  '好的', '好', '嗯', '嗯嗯', '哦', '噢', '呃', '额', '啊', '对', '对的', '是的', '行', '可以', 'ok', 'OK', '收到', '明白',
  '就这些', '就这些吧', '就这样', '没有了', '没了', '以上', '以上就是', '暂时就这些', '大概就这些', '差不多就这些',
  '那个', '然后', '另外', '还有', '嗯好的',
  // What is left of 问题就这些 / 情况大概这样 once the sign-off goes: a label, not a fact.
  '问题', '主要问题', '工作', '情况', '内容', '大概', '目前',
];
const FILLER_SET = new Set(FILLER_WORDS.map((w) => w.toLowerCase()));
// A filler word must be followed by a separator (好评率 and 还有3所 are facts), except 然后 and 另外, which never start one.
const FILLER_LEAD = /^(?:(?:好的|好|嗯+|哦|噢|呃|那个|这个嘛|这个|那个嘛|是这样的|还有就是|还有|就是)[，,。\s、…~！!]+|(?:然后|另外)[，,。\s、…~！!]*)+/;
// Only sign-offs: 以上 stays, since 96%以上 is a fact.
const FILLER_TAIL = /[，,。\s]*(?:就这些了?|就这样吧?|暂时就这些|差不多就这些|大概就这些|以上就是这些|没有了|谢谢)[吧啊了。！!~…]*$/;

/** Answers that say "nothing here". */
const NONE = /^(?:没有|无|暂无|没|暂时没有|还没有|不需要|不用|没什么|无可填写|没啥|没有什么|没(?:有)?(?:什么)?特别的|没有特别要写的|没有要写的)[了。！!的]*$/;

const CN_NUM = '一二三四五六七八九十';
const DIGITS = '0-9０-９';
/** Numbering people type at the start of an item: 1. 1、 （1） (1) 1) ① （一） 一、 一是 首先 其次 第一， */
const LEAD_NUMBERING = new RegExp(
  [
    `[${DIGITS}]{1,2}\\s*[.．](?![${DIGITS}])`,
    `[${DIGITS}]{1,2}\\s*[、)）]`,
    `[（(]\\s*[${DIGITS}${CN_NUM}]{1,3}\\s*[)）]`,
    '[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]',
    `[${CN_NUM}]{1,3}\\s*[、.．]`,
    `第[${CN_NUM}${DIGITS}]{1,3}(?:[，,、:：]|是)`,
    `[${CN_NUM}]{1,3}是`,
    '(?:首先|其次|再次|再者|此外|最后|另外)[，,、:：]',
    '[-*•·●◆■□▪]\\s*',
  ].join('|'),
);
const LEAD_NUMBERING_RE = new RegExp(`^\\s*(?:${LEAD_NUMBERING.source})\\s*`);

/** Where a numbered item starts inside one line: after sentence punctuation or spaces, a marker of the kinds above. */
const INLINE_MARKER = new RegExp(
  `(?<=[。；;！!？?\\s]|^)(?=(?:[${DIGITS}]{1,2}\\s*[.．](?![${DIGITS}])|[${DIGITS}]{1,2}[、)）]|[（(][${DIGITS}${CN_NUM}]{1,3}[)）]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]|[${CN_NUM}]{1,3}是))|(?=[①②③④⑤⑥⑦⑧⑨⑩])|(?<=.)(?=[（(][${CN_NUM}]{1,3}[)）])`,
  'g',
);
/** 一是……，二是……：the second and later ordinals may follow a comma too. */
const ORDINAL_AFTER_COMMA = new RegExp(`[，,](?=[二三四五六七八九十]是)`, 'g');
/** 一个是……，另一个是…… / 再一个是……: said items, each a piece of its own. */
const OTHER_ONE = /[，,]\s*(?=(?:另一个|另外一个|再一个|还有一个|第二个|第三个)(?:是|就是))/g;
const ONE_IS = /^(?:一个|另一个|另外一个|再一个|还有一个|第[一二三四五]个)(?:是|就是)/;

/** The item without the numbering the user typed, trimmed of separators at both ends. */
export function stripNumbering(item: string): string {
  let out = item.trim();
  for (let i = 0; i < 3; i++) {
    const next = out.replace(LEAD_NUMBERING_RE, '');
    if (next === out) break;
    out = next;
  }
  return out.replace(/^[\s，,、；;:：。]+/, '').replace(/[\s，,、；;]+$/, '').trim();
}

/** True when the text says nothing beyond filler. */
export function isFiller(text: string): boolean {
  const bare = text.trim().replace(/[，,。.!！?？~～…、\s]+/g, ' ').trim();
  if (!bare) return true;
  return bare.split(' ').every((word) => FILLER_SET.has(word.toLowerCase()));
}

/** True when the answer means "none" (没有, 暂无). */
export function saysNone(text: string): boolean {
  return NONE.test(removeFiller(text).replace(/\s+/g, ''));
}

/** The text without leading and trailing filler (好的，… 就这些). */
export function removeFiller(text: string): string {
  let out = text.trim();
  out = out.replace(FILLER_LEAD, '');
  out = out.replace(FILLER_TAIL, '');
  return out.trim();
}

/** Pointing at last year's report instead of naming the areas: 按照去年的写, 跟往年一样. */
export const LAST_YEARS_REPORT = /(?:按照?|照着?|跟|和|同|参照|沿用)(?:去年|往年|上一年|上年|上次|以前|原来)/;

export interface SplitOptions {
  /**
   * Also split on 、 and ，(work-area names); facts keep them. `titles`: a list of documents and meetings' spirits,
   * split at a 、 only where a whole title ends (二十届二中、三中全会精神 is one).
   */
  commas?: boolean | 'titles';
  /** Split sentences at 。！？ (facts, problems); lists of names don't need it. */
  sentences?: boolean;
}

/**
 * An answer as items: one per line, per ；, per numbered item, per sentence; numbering stripped, filler dropped,
 * every character of each item otherwise kept as typed (so figures stay exactly).
 * @example splitItems('1. 招聘教师135名；2. 培训２０００人次') // ['招聘教师135名', '培训２０００人次']
 */
export function splitItems(text: string, options: SplitOptions = {}): string[] {
  const lines = text.split(/\r?\n|\r/);
  const items: string[] = [];
  for (const rawLine of lines) {
    const line = rawLine.replace(ORDINAL_AFTER_COMMA, '；').replace(OTHER_ONE, '；');
    let pieces = line.split(INLINE_MARKER);
    pieces = pieces.flatMap((p) => p.split(/[；;]/));
    if (options.sentences) pieces = pieces.flatMap((p) => p.split(/(?<=[。！!？?])/));
    if (options.commas) pieces = pieces.flatMap((p) => splitOutsideQuotes(p, options.commas === 'titles'));
    for (const piece of pieces) {
      const item = stripNumbering(removeFiller(stripNumbering(piece))).replace(ONE_IS, '');
      const clean = item.replace(/[。.]+$/, '').trim();
      if (!clean || isFiller(clean)) continue;
      items.push(clean);
    }
  }
  return items;
}

/** How a document or a meeting's spirit ends: words ending so are a whole item of a list of guidance. */
const DOCUMENT_END = /(?:精神|纲要|意见|规划|办法|决定|方案|讲话|指示|批示|要求|通知|条例|规定|部署|思想|方针|》|”)$/;

/**
 * Splits on 、，, but not inside 《》 or quotes (a document title may hold a comma). For `titles`, not at a 、 inside
 * one name either (二十届二中、三中全会精神; 全国、全省教育大会精神): there the words so far do not end the way a
 * document or a meeting's spirit ends.
 */
function splitOutsideQuotes(text: string, titles = false): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '《' || ch === '“' || ch === '「') depth++;
    if ((ch === '》' || ch === '”' || ch === '」') && depth > 0) depth--;
    if (depth === 0 && (/[，,]/.test(ch) || (ch === '、' && (!titles || DOCUMENT_END.test(current.trim()))))) {
      out.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current);
  return out;
}

/** One line of text from an answer: filler and trailing punctuation removed, inner text kept as typed. */
export function cleanSingle(text: string): string {
  return stripNumbering(removeFiller(text.replace(/\s*[\r\n]+\s*/g, ' '))).replace(/[。.]+$/, '').trim();
}

const CORRECTION = /[，,]\s*(?:哦|噢|呃|啊)?\s*(?:不对|不是|说错了|错了|更正一下|纠正一下)[，,]?\s*(?:应该)?是\s*/;
const FIGURE_AT_END = /[0-9０-９]+(?:[.．][0-9０-９]+)?[^，,；;。\s0-9０-９]{0,4}$/;
const FIGURE_AT_START = /^[0-9０-９]+(?:[.．][0-9０-９]+)?[^，,；;。\s0-9０-９]{0,4}/;

/**
 * A correction said mid-answer, applied as meant: the figure (or the phrase) before 不对，是 is replaced by what
 * follows, so only the corrected figure is kept.
 * @example applyCorrections('培训教师3000人次，不对，是3200人次') // '培训教师3200人次'
 * @example applyCorrections('以甲县教育局，哦不对，是甲县教育体育局的名义') // '以甲县教育体育局的名义'
 */
export function applyCorrections(text: string): string {
  let out = text;
  for (let i = 0; i < 5; i++) {
    const m = CORRECTION.exec(out);
    if (!m) break;
    const before = out.slice(0, m.index);
    const after = out.slice(m.index + m[0].length);
    const clauseStart = Math.max(...['，', ',', '；', ';', '。', '\n', '：', ':'].map((p) => before.lastIndexOf(p))) + 1;
    const clause = before.slice(clauseStart);
    const newFigure = FIGURE_AT_START.exec(after);
    const oldFigure = FIGURE_AT_END.exec(clause);
    if (newFigure && oldFigure) {
      out = before.slice(0, clauseStart) + clause.slice(0, oldFigure.index) + after;
    } else {
      // The phrase is said again whole: keep a lead word (以、是) the new phrase does not repeat.
      const lead = /^(?:以|是|由)/.exec(clause)?.[0] ?? '';
      out = before.slice(0, clauseStart) + (after.startsWith(lead) ? '' : lead) + after;
    }
  }
  return out;
}
