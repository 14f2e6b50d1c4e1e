/**
 * 校对 on the draft: checks the shown version (POST /api/drafts/:id/proofread), lists the issues by part, marks
 * them in place in the rendered draft, and 采纳 applies one suggestion, or every certain one, as a new version.
 */
import { applySuggestions, certainIssues } from '../proofread/apply-suggestions.js';
import type { Api, DraftView } from './api-client.js';
import { h, replaceChildren } from './dom.js';
import type { DraftPart } from './draft-parts.js';

export interface ProofIssue {
  start: number;
  end: number;
  kind: string;
  message: string;
  suggestion?: string;
  /** A model's wording suggestion: listed with its own 采纳, never part of 全部采纳. */
  source?: string;
}

export interface ProofreadHooks {
  /** The draft as shown, and its parts (splitParts of its markdown). */
  current(): DraftView | null;
  parts(): DraftPart[];
  /** Renders a part's markdown the way the draft view does (sanitised). */
  render(markdown: string): Node;
  /** Saves markdown as a new version and shows it. */
  save(markdown: string): Promise<DraftView>;
  say(text: string, error?: boolean): void;
  /** The element the parts are drawn in (sections with data-part). */
  doc: HTMLElement;
}

/** Private-use characters: never in a draft, so they can carry the marks through the markdown renderer. */
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** Where each part starts in the whole markdown (parts are its trimmed slices, in order). */
function partStarts(markdown: string, parts: DraftPart[]): number[] {
  let cursor = 0;
  return parts.map((part) => {
    const at = markdown.indexOf(part.markdown, cursor);
    cursor = at < 0 ? cursor : at + part.markdown.length;
    return at;
  });
}

/** The words around an issue, for the list: a few characters either side, the issue itself apart. */
function snippet(markdown: string, issue: ProofIssue): [string, string, string] {
  const line = (s: string) => s.replace(/\n[\s\S]*$/, '');
  const before = markdown.slice(Math.max(0, issue.start - 10), issue.start);
  return [before.replace(/^[\s\S]*\n/, ''), markdown.slice(issue.start, issue.end), line(markdown.slice(issue.end, issue.end + 10))];
}

/** Turns the OPEN/CLOSE characters in the rendered text into <mark> elements (a mark may cross elements). */
function marksFromSentinels(root: Node, issues: ProofIssue[], onMark: (mark: HTMLElement, issue: ProofIssue, index: number) => void) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  let open: number | null = null;
  let count = 0;
  for (const text of texts) {
    const value = text.data;
    if (!value.includes(OPEN) && !value.includes(CLOSE) && open === null) continue;
    const fragment = document.createDocumentFragment();
    let piece = '';
    const flush = () => {
      if (!piece) return;
      if (open === null) fragment.append(piece);
      else {
        const mark = h('mark', { class: 'proof', tabindex: '0' }, piece);
        onMark(mark, issues[open], open);
        fragment.append(mark);
      }
      piece = '';
    };
    for (const c of value) {
      if (c === OPEN) {
        flush();
        open = count++;
      } else if (c === CLOSE) {
        flush();
        open = null;
      } else piece += c;
    }
    flush();
    text.replaceWith(fragment);
  }
}

/**
 * Builds the 校对 button and its panel.
 * @example const proof = proofreadView(api, hooks); actions.append(proof.button); scroll.prepend(proof.panel)
 */
export function proofreadView(api: Api, hooks: ProofreadHooks) {
  const button = h('button', { type: 'button' }, '校对');
  const panel = h('section', { class: 'notes proofread', 'aria-label': '校对结果', hidden: true });
  /** The issues of the version they were found in; stale once another version is shown. */
  let found: { version: number; issues: ProofIssue[] } | null = null;
  let open = false;

  /** Checks the shown version; `done` says what came before (an adopted fix), so one message tells both. */
  async function check(done = '') {
    const view = hooks.current();
    if (!view) return;
    button.disabled = true;
    hooks.say(`${done}正在校对……`);
    try {
      const result = await api.proofread(view.id, view.version);
      found = { version: result.version ?? view.version, issues: result.issues };
      open = true;
      draw();
      hooks.say(`${done}${found.issues.length ? `校对完成：发现 ${found.issues.length} 处问题` : '校对完成：没有发现问题'}`);
    } catch (error) {
      hooks.say((error as Error).message, true);
    } finally {
      button.disabled = false;
    }
  }

  async function adopt(issues: ProofIssue[], what: string) {
    const view = hooks.current();
    if (!view || !found || found.version !== view.version) return;
    try {
      const saved = await hooks.save(applySuggestions(view.markdown, issues));
      // The new version is checked again, so what is listed and marked is always the text shown.
      await check(`已采纳${what}，保存为第 ${saved.version} 版。`);
      (panel.querySelector<HTMLElement>('button.adopt') ?? panel.querySelector<HTMLElement>('h3'))?.focus();
    } catch (error) {
      hooks.say((error as Error).message, true);
    }
  }

  /** The list by part, and the marks in the draft. */
  function draw() {
    const view = hooks.current();
    if (!open || !found || !view || found.version !== view.version) {
      panel.hidden = true;
      return;
    }
    const { issues } = found;
    const parts = hooks.parts();
    const starts = partStarts(view.markdown, parts);
    const partOf = (issue: ProofIssue) => {
      let index = 0;
      starts.forEach((start, i) => {
        if (start >= 0 && start <= issue.start) index = i;
      });
      return index;
    };
    const certain = certainIssues(issues);
    const all = h('button', { type: 'button', class: 'small primary adopt-all' }, `全部采纳（${certain.length} 处有把握的修改）`);
    all.addEventListener('click', () => void adopt(certain, `全部 ${certain.length} 处修改`));
    all.hidden = certain.length === 0;
    const close = h('button', { type: 'button', class: 'small' }, '关闭');
    close.addEventListener('click', () => {
      open = false;
      draw();
      button.focus();
    });
    const groups: HTMLElement[] = [];
    parts.forEach((part, p) => {
      const mine = issues.map((issue, index) => ({ issue, index })).filter(({ issue }) => partOf(issue) === p);
      if (!mine.length) return;
      groups.push(
        h('h4', {}, part.label),
        h('ul', {}, ...mine.map(({ issue, index }) => item(view.markdown, issue, index))),
      );
    });
    replaceChildren(
      panel,
      h('h3', { tabindex: '-1' }, issues.length ? `校对：发现 ${issues.length} 处问题` : '校对：没有发现问题'),
      h('div', { class: 'parttools' }, all, close),
      ...groups,
    );
    panel.hidden = false;
    markInPlace(view.markdown, parts, starts, issues, partOf);
  }

  function item(markdown: string, issue: ProofIssue, index: number): HTMLElement {
    const [before, words, after] = snippet(markdown, issue);
    const li = h('li', { 'data-issue': index }, h('span', {}, issue.message), ' ', h('q', {}, before, h('b', {}, words), after), ' ');
    const show = h('button', { type: 'button', class: 'small', 'aria-label': `在正文中查看：${issue.message}` }, '查看');
    show.addEventListener('click', () => {
      const mark = hooks.doc.querySelector<HTMLElement>(`mark.proof[data-issue="${index}"]`);
      mark?.scrollIntoView({ block: 'center' });
      mark?.focus();
    });
    li.append(show);
    if (issue.suggestion !== undefined) {
      const label = issue.suggestion ? `把“${words}”改为“${issue.suggestion}”` : `删去“${words}”`;
      const adoptOne = h('button', { type: 'button', class: 'small adopt', 'aria-label': `采纳：${label}` }, '采纳');
      adoptOne.addEventListener('click', () => void adopt([issue], `“${label}”`));
      li.append(' ', adoptOne);
    }
    return li;
  }

  /** Each part with issues drawn again from its markdown with the issues' places marked. */
  function markInPlace(markdown: string, parts: DraftPart[], starts: number[], issues: ProofIssue[], partOf: (i: ProofIssue) => number) {
    parts.forEach((part, p) => {
      const start = starts[p];
      const mine = issues.map((issue, index) => ({ issue, index })).filter(({ issue }) => partOf(issue) === p);
      const body = hooks.doc.querySelector<HTMLElement>(`[data-part="${p}"] > div`);
      if (!mine.length || start < 0 || !body) return;
      let text = '';
      let at = 0;
      const local = part.markdown;
      for (const { issue } of mine) {
        const s = Math.max(issue.start - start, at);
        const e = Math.min(Math.max(issue.end - start, s), local.length);
        text += local.slice(at, s) + OPEN + local.slice(s, e) + CLOSE;
        at = e;
      }
      text += local.slice(at);
      const rendered = hooks.render(text);
      marksFromSentinels(rendered, mine.map((m) => m.issue), (mark, issue, n) => {
        mark.setAttribute('data-issue', String(mine[n].index));
        mark.setAttribute('title', issue.message);
        mark.setAttribute('aria-label', issue.message);
      });
      replaceChildren(body, rendered);
    });
  }

  button.addEventListener('click', () => void check().then(() => panel.querySelector<HTMLElement>('h3')?.focus()));
  // A server without the route (an older one) gets no button, as with 改写.
  button.hidden = true;
  void api.hasRoute('/api/drafts/{id}/proofread').then((yes) => {
    button.hidden = !yes;
  });

  /** Called whenever the draft view shows a version: marks drawn again, or dropped when the version changed. */
  function shown() {
    if (open) draw();
  }

  return { button, panel, shown };
}
