/**
 * Answers wrapped in JSON ({"text": "…"}, a fenced ```json block, {"heading": …, "body": …}, a list of paragraphs,
 * \uXXXX escapes): a gateway left in JSON mode, or a model answering in the shape of another prompt. The prose is
 * read out of the string values as they stream, so the cleaner after this sees plain text; notes and other
 * fields are dropped. An answer that does not open with an object passes through untouched. Pure.
 */

/** Keys whose string is the part's heading (kept only when a heading was asked for). */
const HEADING_KEY = /^(?:heading|title|subtitle|section|part|标题|小标题|题目|部分)$/i;
/** Keys whose value is never the prose: remarks, reasoning, bookkeeping. */
const SKIPPED_KEY = /^(?:notes?|remarks?|comments?|explanation|reason(?:ing)?|thinking|thoughts?|analysis|summary_note|说明|注|备注|附注|思考|解释|word_?count|字数|id|type|status)$/i;
/** Keys that hold the prose by name: their strings go out as they stream. Others do once they show Chinese. */
const PROSE_KEY = /^(?:text|content|body|answer|response|output|result|paragraphs?|正文|内容|全文|段落)$/i;
const CJK = /[\u3400-\u9fff]/;
/** A short line before the object (好的，以下是JSON格式的正文：), passed on for the cleaner to drop. */
const PREAMBLE = /^[^\n{]{1,80}[：:]\s*\n/;
const FENCE_LINE = /^(?:`{3,}|~{3,})[\w+-]*[ \t]*\n/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '', b: '', f: '', '"': '"', '\\': '\\', '/': '/' };

type Container = { kind: 'object'; key: string | null; expect: 'key' | 'colon' | 'value' | 'comma' } | { kind: 'array'; key: string | null; expect: 'value' | 'comma' };

/**
 * Reads the prose out of a JSON-wrapped answer as it streams; anything else goes to `out` unchanged.
 * @example const f = new JsonAnswerFilter((t) => cleaner.visible(t), { headings: true }); f.push('{"text":"全区…'); f.finish()
 */
export class JsonAnswerFilter {
  private buffer = '';
  private mode: 'start' | 'plain' | 'json' | 'done' = 'start';
  private stack: Container[] = [];
  /** The string being read: where its characters go. */
  private string: { into: 'text' | 'heading' | 'key' | 'skip'; value: string; live?: boolean } | null = null;
  /** Depth of a value being skipped (a nested list of numbers, an object under a skipped key). */
  private skipDepth = 0;
  private wroteText = false;
  /** Everything since the object began, until prose went out: an answer that turns out not to be JSON goes on whole. */
  private held = '';

  constructor(
    private readonly out: (text: string) => void,
    private readonly options: { headings: boolean },
  ) {}

  push(delta: string): void {
    this.buffer += delta;
    if (this.mode === 'json' && !this.wroteText) this.held += delta;
    this.drain(false);
  }

  finish(): void {
    this.drain(true);
    if (this.mode === 'start' && this.buffer) this.out(this.buffer);
    this.buffer = '';
  }

  private drain(final: boolean): void {
    if (this.mode === 'start') this.decide(final);
    if (this.mode === 'json') this.walk(final);
    if (this.mode === 'plain' && this.buffer) this.out(this.buffer);
    if (this.mode !== 'start' && this.mode !== 'json') this.buffer = '';
  }

  /** JSON when the answer opens with `{`, after at most a short preamble line and a fence. */
  private decide(final: boolean): void {
    let rest = this.buffer.replace(/^\s+/, '');
    let preamble = '';
    const lead = rest.match(PREAMBLE);
    if (lead && !rest.startsWith('`') && !rest.startsWith('~')) {
      preamble = lead[0];
      rest = rest.slice(lead[0].length).replace(/^\s+/, '');
    }
    const fence = rest.match(FENCE_LINE);
    if (fence) rest = rest.slice(fence[0].length).replace(/^\s+/, '');
    const waiting = !final && this.buffer.length < 240;
    if (!rest) {
      if (!waiting) this.mode = 'plain';
      return;
    }
    // A fence or preamble line still arriving: wait for its end before deciding.
    if (!fence && /^(?:`{3,}|~{3,})[\w+-]*$/.test(rest) && waiting) return;
    if (rest[0] !== '{') {
      if (!preamble && waiting && /^[^\n{]{1,80}$/.test(rest) && !/[。！？!?]/.test(rest)) return;
      this.mode = 'plain';
      return;
    }
    if (preamble) this.out(preamble);
    this.buffer = rest;
    this.held = rest;
    this.mode = 'json';
  }

  private walk(final: boolean): void {
    let i = 0;
    const text = this.buffer;
    while (i < text.length && this.mode === 'json') {
      const ch = text[i];
      if (this.string) {
        if (ch === '"') {
          this.endString();
          i++;
          continue;
        }
        if (ch === '\\') {
          if (i + 1 >= text.length) break; // the escape's second half is still coming
          const code = text[i + 1];
          if (code === 'u') {
            if (i + 6 > text.length) break;
            const hex = text.slice(i + 2, i + 6);
            this.addChar(/^[0-9a-fA-F]{4}$/.test(hex) ? String.fromCharCode(parseInt(hex, 16)) : '');
            i += 6;
          } else {
            this.addChar(ESCAPES[code] ?? code);
            i += 2;
          }
          continue;
        }
        const run = text.slice(i).search(/["\\]/);
        const end = run === -1 ? text.length : i + run;
        this.addChar(text.slice(i, end));
        i = end;
        continue;
      }
      if (/\s/.test(ch)) {
        i++;
        continue;
      }
      if (this.skipDepth) {
        if (ch === '"') this.string = { into: 'skip', value: '' };
        else if (ch === '{' || ch === '[') this.skipDepth++;
        else if (ch === '}' || ch === ']') this.skipDepth--;
        if (!this.skipDepth && !this.string) this.valueDone();
        i++;
        continue;
      }
      const top = this.stack.at(-1);
      if (!top) {
        if (ch !== '{') return this.fail();
        this.stack.push({ kind: 'object', key: null, expect: 'key' });
        i++;
        continue;
      }
      if (top.expect === 'comma') {
        if (ch === ',') top.expect = top.kind === 'object' ? 'key' : 'value';
        else if ((ch === '}' && top.kind === 'object') || (ch === ']' && top.kind === 'array')) this.close();
        else return this.fail();
        i++;
        continue;
      }
      if (top.kind === 'object' && top.expect === 'key') {
        if (ch === '"') this.string = { into: 'key', value: '' };
        else if (ch === '}') this.close();
        else return this.fail();
        i++;
        continue;
      }
      if (top.kind === 'object' && top.expect === 'colon') {
        if (ch !== ':') return this.fail();
        top.expect = 'value';
        i++;
        continue;
      }
      // A value.
      const key = top.key;
      const skipped = key !== null && SKIPPED_KEY.test(key);
      if (ch === '"') {
        const into = skipped ? 'skip' : key !== null && HEADING_KEY.test(key) ? 'heading' : 'text';
        this.string = { into, value: '', live: key !== null && PROSE_KEY.test(key) };
      }
      else if ((ch === '{' || ch === '[') && skipped) this.skipDepth = 1;
      else if (ch === '{') this.stack.push({ kind: 'object', key: null, expect: 'key' });
      else if (ch === '[') this.stack.push({ kind: 'array', key, expect: 'value' });
      else if (ch === ']' && top.kind === 'array') this.close();
      else {
        // A number, true, false or null: read to its end.
        const scalar = text.slice(i).match(/^[-\w.+]+/);
        if (!scalar) return this.fail();
        if (i + scalar[0].length >= text.length && !final) break;
        i += scalar[0].length;
        this.valueDone();
        continue;
      }
      i++;
    }
    this.buffer = this.mode === 'json' ? text.slice(i) : '';
  }

  private addChar(chars: string): void {
    const string = this.string!;
    if (string.into === 'skip' || !chars) return;
    if (string.into !== 'text') {
      string.value += chars;
      return;
    }
    // A string under an unknown key is held until it shows Chinese: an id or an English word is not the prose.
    if (!string.live) {
      string.value += chars;
      if (!CJK.test(string.value)) return;
      string.live = true;
      chars = string.value;
    }
    this.out(chars);
    this.wroteText = true;
    this.held = '';
  }

  private endString(): void {
    const string = this.string!;
    this.string = null;
    const top = this.stack.at(-1);
    if (string.into === 'key' && top?.kind === 'object') {
      top.key = string.value;
      top.expect = 'colon';
      return;
    }
    if (string.into === 'heading' && this.options.headings && !this.wroteText && string.value.trim()) this.out(`${string.value.trim()}\n\n`);
    if (string.into === 'text' && string.live) this.out('\n\n'); // the next string value is a new paragraph
    if (this.skipDepth) return;
    this.valueDone();
  }

  /** After a value: the container expects a comma or its end. */
  private valueDone(): void {
    const top = this.stack.at(-1);
    if (top) top.expect = 'comma';
  }

  private close(): void {
    this.stack.pop();
    if (!this.stack.length) {
      // The object is read: what follows (a closing fence, a sign-off) is not the text.
      this.mode = 'done';
      return;
    }
    this.valueDone();
  }

  /** Not JSON after all: what was held goes on as text if none went out yet, else the rest is dropped. */
  private fail(): void {
    this.mode = this.wroteText ? 'done' : 'plain';
    this.buffer = this.wroteText ? '' : this.held;
  }
}
