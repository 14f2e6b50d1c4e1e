/**
 * Cleans what real models wrap around the prose, sentence by sentence as it streams: reasoning (<think>…</think>,
 * closed, unclosed, split across chunks, or with no opening tag), JSON wrapping (json-answer.ts), chat preambles
 * and sign-offs, notes, code fences, added headings and numbering, bold and italics, English sentences, refusals.
 * A sentence is judged before it goes out, so nothing is taken back. Pure; the same rules for streamed and whole answers.
 */
import { JsonAnswerFilter } from './json-answer.js';

/** Where a sentence ends (as the figure guard quotes them). */
const STOPS = /[。！？!?；;\n]/;
/** Reasoning tags as models write them: <think> (Qwen3, R1), <thinking>, <reasoning>, <thought>, ◁think▷ (Kimi). */
const TAGS: ReadonlyArray<readonly [open: string, close: string]> = [
  ['<think>', '</think>'],
  ['<thinking>', '</thinking>'],
  ['<reasoning>', '</reasoning>'],
  ['<thought>', '</thought>'],
  ['◁think▷', '◁/think▷'],
];
/** Any closing tag: where reasoning aloud with no opening tag ends. */
const ANY_CLOSE = new RegExp(TAGS.map(([, close]) => close.replace(/[/]/g, '\\/')).join('|'));
/** Reasoning written under a label (思考过程：… 回答：…, 【思考】…【回答】, Thinking: … Answer: …). */
const REASONING_LABEL = /^(?:思考过程|思考|推理过程|推理|思路)\s*[:：]|^【(?:思考过程|思考|推理过程|推理|思路)】|^(?:Thinking|Thought|Reasoning)\s*:/i;
/** Where the answer starts after a labelled reasoning. */
const ANSWER_LABEL = /(?:^|\n)\s*(?:(?:回答|答案|最终答案|最终回答|正文|Answer|Final answer|Response)\s*[:：]|【(?:回答|答案|正文)】)/i;

/** The first sentence of an answer that is the model thinking aloud (R1 distills and Qwen3 often omit <think>). */
const REASONING_START =
  /^(?:嗯[，,.。…\s]*(?:用户|我|这|让|首先|看|那|好的?[，,]\s*(?:用户|我))|(?:好的|好|OK|Ok|ok)[，,]\s*(?:用户|我现在|我需要|我得|我要先|我先|让我|首先|现在)|用户(?:要求|希望|让我|需要|想要|想|给出|提供|的要求)|我(?:需要|应该|得|先|想|现在)|让我(?:先|想|看)|首先[，,]?我|首先要|okay[,，]\s*(?:so|the user|let)|alright[,，]|let me\b|the user\b|we need\b|i need\b|i should\b)/i;

/** A whole sentence that is only a chat opener: 好的。当然可以！没问题。 */
const OPENER = /^(?:(?:好的|好|嗯|您好|你好|当然|当然可以|没问题|可以|收到|明白|明白了|了解|OK|Ok|ok|Sure|Certainly|Of course)[!！。，,.~～\s]*)+$/i;
/** A sentence introducing the answer: 以下是正文： 根据您提供的事实，撰写如下： 下面是这一部分的内容。 */
const LEAD_IN =
  /^(?:(?:好的|好|好嘞|行|您好|当然可以|当然|没问题|可以|收到|明白了|明白|了解|OK|Ok|ok|Sure)[!！，,。\s]*)*(?:以下|下面|根据(?:您|你)|按照(?:您|你)|依据(?:您|你)|遵照(?:您|你)|为(?:您|你)|这是|我(?:来|为您|为你|已经?|将|撰写|起草|写了)|正文如下|改写后|修改后|润色后)[^。！？!?\n]{0,60}?(?:正文|内容|部分|段落|草稿|初稿|撰写|起草|改写|修改|如下|版本|结果|文字)[^。！？!?\n]{0,20}?(?:[：:]|[。.]\s*$)/;
/** A label line before the text: 正文如下： 改写后的内容： */
const LABEL = /^(?:(?:正文|内容|全文|改写结果|改写后的(?:正文|内容)|修改后的(?:正文|内容)|回答|答案|最终答案)(?:如下)?[：:]|【(?:正文|内容|全文|草稿|初稿|改写后|回答|答案)】|(?:Answer|Final answer|Response)\s*[:：])/i;
/** A note or a remark about the text, at a line start: everything from it on is not the text. */
const NOTE = /^[*_\s]*(?:[（(]\s*(?:注|说明|备注|附注)\s*[：:]|(?:说明|注|备注|注意|注意事项|请注意|提示|温馨提示|温馨提醒|附注|补充说明|写作提示|写作建议|修改建议|小贴士|字数|字数统计|统计字数|修改说明|改写说明|润色说明|修改要点|数据来源|资料来源|参考资料|(?:版本|方案|写法|选项)[二三四五2-5])[*_\s]*[：:]|【(?:说明|注|备注|注意|提示|附注)】|(?:Note|Notes|P\.?S\.?)[*_\s]*[：:])/i;
/** A remark in brackets on its own: （以上内容仅供参考） */
const BRACKET_NOTE = /^[（(][^）)]*(?:仅供参考|以上|注[：:]|说明|根据您|供参考|字数|共计?约?\d+字|来源[：:])[^）)]*[）)][。.]?$/;
/** The end mark some models write: （完） 全文完 */
const END_MARK = /^(?:[（(【]?\s*(?:全文|正文)?完\s*[）)】]?|[—–-]{0,4}\s*以上|正文(?:开始|结束)[：:]?)[。.]?$/;
/** A bullet at a line start: the genre numbers its lists (1. 2.). */
const BULLET = /^(\s*)(?:[-*•·]\s+|[✅✔☑★☆●◆■▪🔹🔸📌👉]\uFE0F?\s*)/u;
/** Sign-offs, anywhere: they are never report prose. */
const SIGN_OFF =
  /希望[^。！？\n]{0,20}(?:您|你|有所帮助|有帮助)|^以上(?:内容|文字|正文|稿件|材料)|可根据(?:实际|具体|您的)[^。！？\n]{0,8}(?:调整|修改|补充|完善)|^(?:如(?:需|有需要|有任何|果需要|您需要|果您|有其他)|若(?:需|有需要))[^。！？\n]*(?:调整|修改|补充|告诉|联系|随时|提出|帮助)|请(?:随时)?告诉我|我可以(?:再|进一步|继续|帮您|为您)|仅供参考|^您可以根据|^以上(?:就是|是|为|内容|便是)[^。！？\n]{0,30}(?:正文|内容|草稿|初稿|撰写|起草|部分|改写|参考)|欢迎(?:提出|指正)|祝(?:您)?工作顺利|敬请(?:审阅|审定|指正|批评)|^请(?:审阅|核对|审定)|供参考[。.！!]?$/;
/** A refusal, or a model speaking about itself instead of writing. */
const REFUSAL = /^(?:抱歉|对不起|很抱歉|非常抱歉|不好意思|很遗憾|遗憾的是|我无法|我不能|我没有办法|作为(?:一个)?(?:AI|人工智能|语言模型|大语言模型|AI助手)|I'?m sorry|I am sorry|Sorry|I cannot|I can'?t|As an AI)|^[^。！？\n]{0,12}(?:我|本助手)(?:无法|不能|没法|不便)(?:协助|完成|提供|帮|代替|撰写|回答)/i;
/** A fence or a rule on its own line. */
const FENCE = /^\s*(?:`{3,}|~{3,})\s*[\w+-]*\s*$/;
const RULE = /^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$/;
/** Numbering a model puts before a heading or a paragraph; ours are written by code. */
const NUMBERING = /^\s*(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[)）]|第[一二三四五六七八九十百]+(?:部分|节|章)[：:、\s]?)\s*/u;
const MARKDOWN_HEADING = /^\s{0,3}#{1,6}\s*/;
const SENTENCE_END = /[。！？!?；;]\s*$/;
const LATIN = /[A-Za-z]/g;
const CJK = /[\u3400-\u9fff]/g;

export type Verdict = 'text' | 'empty' | 'refusal' | 'foreign';

export interface CleanerOptions {
  /** The prompt asked for the part's heading on the first line: take it from there (without numbering). */
  headingLine?: boolean;
  /** Headings the program writes: a line repeating one is dropped. */
  knownHeadings?: readonly string[];
}

const bare = (text: string) => text.replace(/[*#_`\s：:，,。]/g, '').replace(NUMBERING, '');

/** Bold, italics and inline code marks: the genre has none. Escaped marks (\*) stay. */
export function withoutEmphasis(text: string): string {
  return text
    .replace(/(?<!\\)(\*\*|__)(.+?)(?<!\\)\1/g, '$2')
    .replace(/(?<![\\*\w])\*(?!\s)([^*\n]+?)(?<![\s\\])\*(?!\*)/g, '$1')
    .replace(/(?<!\\)\*\*/g, '')
    .replace(/(?<!\\)`+/g, '');
}

/** Mostly Latin letters: an English sentence (a fact's "STEM" or "5G" in Chinese prose is not). */
function isForeign(text: string): boolean {
  const latin = text.match(LATIN)?.length ?? 0;
  const cjk = text.match(CJK)?.length ?? 0;
  return latin >= 6 && latin > cjk * 2;
}

/**
 * Hides reasoning: text inside <think>…</think> (or <thinking>, <reasoning>, <thought>, ◁think▷), an unclosed tag
 * to the end, reasoning under a label (思考过程：… up to 回答：), and, when the answer opens by thinking aloud,
 * everything up to a closing tag. Tags split across chunks are held until they are whole.
 */
class ReasoningFilter {
  private buffer = '';
  private mode: 'start' | 'visible' | 'hidden' = 'start';
  /** What ends the hidden reasoning: its closing tag, or the answer's label. */
  private until: string | RegExp = ANY_CLOSE;
  /** Whether reasoning was seen (for tests and warnings). */
  sawReasoning = false;

  constructor(private readonly out: (text: string) => void) {}

  push(delta: string): void {
    this.buffer += delta;
    this.drain(false);
  }

  finish(): void {
    this.drain(true);
    if (this.mode !== 'hidden' && this.buffer) this.out(this.buffer);
    this.buffer = '';
  }

  /** Whether the answer ended inside reasoning (an unclosed <think>, or thinking aloud with no end). */
  get endedHidden(): boolean {
    return this.mode === 'hidden';
  }

  private hide(until: string | RegExp): void {
    this.sawReasoning = true;
    this.mode = 'hidden';
    this.until = until;
  }

  /** The first closing tag of any kind in the buffer: an answer that thought aloud with no opening tag ends its thinking there. */
  private firstClose(): { at: number; length: number } | null {
    let best: { at: number; length: number } | null = null;
    for (const [, close] of TAGS) {
      const at = this.buffer.indexOf(close);
      if (at !== -1 && (!best || at < best.at)) best = { at, length: close.length };
    }
    return best;
  }

  private drain(final: boolean): void {
    for (;;) {
      if (this.mode === 'hidden') {
        const end = typeof this.until === 'string' ? this.buffer.indexOf(this.until) : this.buffer.search(this.until);
        if (end === -1) {
          // Keep only what could be the start of the end.
          const keep = typeof this.until === 'string' ? this.until.length - 1 : 24;
          this.buffer = this.buffer.slice(Math.max(0, this.buffer.length - keep));
          return;
        }
        const length = typeof this.until === 'string' ? this.until.length : this.buffer.slice(end).match(this.until)![0].length;
        this.buffer = this.buffer.slice(end + length);
        this.mode = 'visible';
        continue;
      }
      if (this.mode === 'start') {
        const lead = this.buffer.replace(/^\s+/, '');
        if (!lead) return;
        const opened = TAGS.find(([open]) => lead.startsWith(open));
        if (opened) {
          this.buffer = lead.slice(opened[0].length);
          this.hide(opened[1]);
          continue;
        }
        if (!final && TAGS.some(([open]) => open.startsWith(lead))) return; // '<thi' so far
        // Decide on the first sentence: thinking aloud, or the answer.
        const stop = lead.search(STOPS);
        const offset = this.buffer.length - lead.length;
        const close = this.firstClose();
        if (close && (stop === -1 || close.at < offset + stop)) {
          this.buffer = this.buffer.slice(close.at + close.length);
          this.sawReasoning = true;
          this.mode = 'visible';
          continue;
        }
        if (stop === -1 && !final && lead.length < 200) return;
        const first = stop === -1 ? lead : lead.slice(0, stop);
        if (REASONING_LABEL.test(lead)) {
          this.buffer = lead.replace(REASONING_LABEL, '');
          this.hide(ANSWER_LABEL);
          continue;
        }
        if (REASONING_START.test(first.trim())) {
          this.hide(ANY_CLOSE);
          continue;
        }
        this.mode = 'visible';
        continue;
      }
      // Visible: pass text on, up to a tag or a possible tag's start.
      let tag: { at: number; open?: readonly [string, string]; length: number } | null = null;
      for (const pair of TAGS) {
        for (const [i, text] of pair.entries()) {
          const at = this.buffer.indexOf(text);
          if (at !== -1 && (!tag || at < tag.at)) tag = { at, length: text.length, ...(i === 0 ? { open: pair } : {}) };
        }
      }
      if (tag) {
        this.out(this.buffer.slice(0, tag.at));
        this.buffer = this.buffer.slice(tag.at + tag.length);
        this.sawReasoning = true;
        if (tag.open) this.hide(tag.open[1]);
        continue;
      }
      const lt = Math.max(this.buffer.lastIndexOf('<'), this.buffer.lastIndexOf('◁'));
      const tail = lt === -1 ? '' : this.buffer.slice(lt);
      const held = !final && lt !== -1 && TAGS.some((pair) => pair.some((t) => t.startsWith(tail)));
      const upTo = held ? lt : this.buffer.length;
      if (upTo) this.out(this.buffer.slice(0, upTo));
      this.buffer = this.buffer.slice(upTo);
      return;
    }
  }
}

/**
 * Streams an answer through the cleaning rules: `onSentence` gets each kept sentence, cleaned, as it completes.
 * @example const c = new AnswerCleaner((s) => send(s)); c.push('<think>…</think>好的，以下是正文：\n全区…。'); c.finish()
 */
export class AnswerCleaner {
  private reasoning: ReasoningFilter;
  private json: JsonAnswerFilter;
  private buffer = '';
  private started = false;
  private atLineStart = true;
  private dropRest = false;
  private refused = false;
  private quoted = false;
  private bullets = 0;
  private foreign = 0;
  /** The heading the model wrote on the first line, when asked for one. */
  heading?: string;

  constructor(
    private readonly onSentence: (text: string) => void,
    private readonly options: CleanerOptions = {},
  ) {
    // Reasoning first (a JSON answer may follow a <think>), then any JSON wrapping, then the sentences.
    this.json = new JsonAnswerFilter((text) => this.visible(text), { headings: Boolean(options.headingLine) });
    this.reasoning = new ReasoningFilter((text) => this.json.push(text));
  }

  /** Whether any sentence went out. */
  get hasText(): boolean {
    return this.started;
  }

  push(delta: string): void {
    this.reasoning.push(delta);
  }

  /**
   * The answer ended. `truncated` (finish_reason "length"): an unfinished last sentence is dropped, not shown.
   * Returns whether the answer held text, was empty, a refusal, or in another language.
   */
  finish(truncated = false): Verdict {
    this.reasoning.finish();
    this.json.finish();
    const rest = this.buffer;
    this.buffer = '';
    if (rest.trim() && !(truncated && !SENTENCE_END.test(rest))) this.take(rest);
    if (this.refused) return 'refusal';
    if (this.started) return 'text';
    return this.foreign ? 'foreign' : 'empty';
  }

  private visible(text: string): void {
    this.buffer += text;
    for (;;) {
      const at = this.buffer.search(STOPS);
      if (at === -1) return;
      this.take(this.buffer.slice(0, at + 1));
      this.buffer = this.buffer.slice(at + 1);
    }
  }

  private take(raw: string): void {
    const lineStart = this.atLineStart;
    this.atLineStart = raw.endsWith('\n');
    if (this.dropRest) return;
    // Simple HTML a model may add (<br>, <p>, <strong>): the draft is Markdown text, never markup from the model.
    // Chat-template tokens a gateway lets through (<|im_end|>, <|endoftext|>) and answer tags are no text.
    const untokened = raw.replace(/<\|im_start\|>\s*(?:assistant|user|system)?|<\|[a-z_]+\|>|<\/?answer>/gi, '');
    // Bullets before the emoji go: a ✅ at a line start is a list item (numbered below), not a picture.
    const bulleted = lineStart ? untokened.replace(BULLET, (m, indent: string) => `${indent}- `) : untokened;
    let text = bulleted.replace(/\s*(?::-?\)|\^_\^|[\u{1F300}-\u{1FAFF}\u{2600}-\u{27BF}]\uFE0F?)/gu, '').replace(/<br\s*\/?>/gi, '').replace(/<\/?(?:p|div|span|strong|b|em|i|u)(?:\s[^<>]*)?>/gi, '');
    if (!this.started && !this.quoted && /^\s*[“"]/.test(text) && !/[”"]/.test(text.replace(/^\s*[“"]/, ''))) {
      // The whole answer in quotation marks: drop them (a quoted name like “双减” closes in the same sentence).
      this.quoted = true;
      text = text.replace(/^\s*[“"]/, '');
    }
    if (this.quoted && /^\s*[”"]\s*$/.test(text)) return;
    if (lineStart) {
      text = text.replace(/^\s*(?:>\s?)+/, '');
      if (FENCE.test(text) || RULE.test(text)) return;
      text = text.replace(/^\s*(?:`{3,}|~{3,})[\w+-]*\s*/, '');
    }
    text = text.replace(/\s*(?:`{3,}|~{3,})\s*$/, (m) => (m.endsWith('\n') ? '\n' : ''));
    // ——以上为本部分正文: a dash before a remark is no reason to keep it.
    const words = text.trim().replace(/^[—–~～-]{2,}\s*/, '');
    if (!words) {
      // Blank lines keep paragraphs apart once the text has begun.
      if (this.started && text.includes('\n')) this.send(text.replace(/[^\n]/g, ''));
      return;
    }
    if (lineStart && (NOTE.test(words) || /^[*_]*(?:说明|注|备注)[*_]*$/.test(words))) {
      this.dropRest = true;
      return;
    }
    if (BRACKET_NOTE.test(withoutEmphasis(words)) || (lineStart && END_MARK.test(words))) return;
    // A report never addresses its reader (您, a question to the user), nor introduces a second text once begun.
    const aside = words.includes('您') || (/[？?]$/.test(words) && /我|你|吗/.test(words)) || (this.started && lineStart && LEAD_IN.test(words));
    if (aside) {
      if (this.started && lineStart) this.dropRest = true;
      return;
    }
    if (SIGN_OFF.test(withoutEmphasis(words))) {
      if (this.started) this.dropRest = true;
      return;
    }
    if (!this.started && REFUSAL.test(withoutEmphasis(words))) {
      this.refused = true;
      this.dropRest = true;
      return;
    }
    if (isForeign(words)) {
      this.foreign++;
      return;
    }
    if (lineStart) {
      // Bullets become our list numbering, counted per run of bullet lines.
      if (BULLET.test(text)) text = text.replace(BULLET, `$1${++this.bullets}. `);
      else this.bullets = 0;
    }
    let plain = withoutEmphasis(text);
    if (lineStart) {
      // 【正文】 / 正文如下： alone on a line before the text: a label, never the heading.
      if (!this.started && LABEL.test(plain.trim()) && !plain.trim().replace(LABEL, '').trim()) return;
      // 段落一：… — a label the model put before a paragraph.
      plain = plain.replace(/^(\s*)(?:段落[一二三四五六七八九十\d]{1,2}|第[一二三四五六七八九十\d]{1,2}段)\s*[：:]\s*/, '$1');
      // 标题：… / 小标题：… on the first line: the heading when one was asked for, else dropped.
      const titled = !this.started && /^\s*(?:标题|小标题|题目)\s*[：:]\s*(.+?)\s*$/.exec(plain);
      if (titled) {
        const heading = titled[1].replace(NUMBERING, '').replace(/[：:，,。\s]+$/u, '').trim();
        if (this.options.headingLine && this.heading === undefined && heading) this.heading = heading;
        return;
      }
    }
    const line = lineStart && (raw.endsWith('\n') || !SENTENCE_END.test(plain));
    // A line that is all bold and unpunctuated is a heading the model added (**党建工作**).
    const boldLine = line && /^\s*(\*\*|__)[^*\n]{1,40}\1\s*$/.test(text) && !SENTENCE_END.test(plain);
    if (lineStart && (boldLine || this.isHeadingLine(plain, line))) {
      const known = this.options.knownHeadings?.some((h) => bare(h) === bare(plain));
      if (this.options.headingLine && !this.started && this.heading === undefined && !known && !/^\s{0,3}#\s/.test(plain)) {
        const heading = plain.replace(MARKDOWN_HEADING, '').replace(NUMBERING, '').replace(/[：:，,。\s]+$/u, '').trim();
        if (heading) this.heading = heading;
      }
      return;
    }
    if (!this.started) {
      const core = plain.trim();
      if (OPENER.test(core)) return;
      // A short label line before the text (党建工作：) carries no fact of its own.
      if (line && /^[^，,。\d]{1,16}[：:]$/.test(core)) return;
      // 以下是正文：全区…… — the words after the lead-in on the same line are the text.
      const lead = core.match(LEAD_IN) ?? core.match(LABEL);
      if (lead) plain = core.slice(lead[0].length);
      // 一、坚持党建引领：全区…… — a numbered heading glued to the text by a colon.
      plain = plain.replace(/^\s+/, '').replace(new RegExp(`${NUMBERING.source}[^，,。：:\\n]{1,24}[：:]\\s*`, 'u'), '').replace(NUMBERING, '');
      if (!plain.trim()) return;
    } else if (lineStart) {
      plain = plain.replace(MARKDOWN_HEADING, '').replace(/^(\s*)(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[)）])/u, '$1');
    }
    this.send(plain);
  }

  /** A line that is a heading: Markdown `#`, numbered without a full stop, a known heading, or the asked-for first line. */
  private isHeadingLine(text: string, wholeLine: boolean): boolean {
    const words = text.trim();
    if (!wholeLine) return false;
    if (MARKDOWN_HEADING.test(text) && /^\s{0,3}#/.test(text)) return true;
    if (this.options.knownHeadings?.some((h) => bare(h) && bare(h) === bare(words))) return true;
    if (SENTENCE_END.test(words) || /[：:]$/.test(words) || words.length > 40) return false;
    // A numbered line holding a figure inside the text is an item that lost its full stop, not a heading.
    if (NUMBERING.test(words)) return !(this.started && /\d/.test(words));
    // The first line, short and unpunctuated, where a heading was asked for.
    // A 【待补充：…】 marker is text the draft must show, never a heading.
    return Boolean(this.options.headingLine && !this.started && this.heading === undefined && !/[，,]$/.test(words) && !/^【/.test(words) && !LEAD_IN.test(words) && !OPENER.test(words));
  }

  private send(text: string): void {
    if (text.trim()) this.started = true;
    this.onSentence(text);
  }
}

/**
 * A whole (non-streamed) answer, cleaned by the same rules.
 * @example cleanAnswer('好的，以下是正文：\n\n全区…。\n\n希望对您有帮助！').text // '全区…。'
 */
export function cleanAnswer(answer: string, options: CleanerOptions & { truncated?: boolean } = {}): { text: string; verdict: Verdict; heading?: string } {
  let text = '';
  const cleaner = new AnswerCleaner((sentence) => (text += sentence), options);
  cleaner.push(answer);
  const verdict = cleaner.finish(options.truncated);
  return { text: text.trim(), verdict, heading: cleaner.heading };
}

/**
 * The JSON object in an answer that was asked for JSON: reasoning, fences and words around it dropped.
 * @example jsonFromAnswer('<think>…</think>\n```json\n{"org":"某局"}\n```') // '{"org":"某局"}'
 */
export function jsonFromAnswer(answer: string): string {
  let text = answer;
  for (const [open, close] of TAGS) {
    // Each reasoning block, closed or not; then anything before a closing tag with no opening one.
    for (let at = text.indexOf(open); at !== -1; at = text.indexOf(open)) {
      const end = text.indexOf(close, at + open.length);
      text = text.slice(0, at) + (end === -1 ? '' : text.slice(end + close.length));
    }
    const stray = text.lastIndexOf(close);
    if (stray !== -1) text = text.slice(stray + close.length);
  }
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  return start !== -1 && end > start ? text.slice(start, end + 1) : text.trim();
}
