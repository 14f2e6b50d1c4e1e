/**
 * The draft: streams in part by part, then shows each part rendered and sanitised, with unverified figures and
 * 【待补充】 markers highlighted and listed; any part can be edited with a live preview, rewritten, saved as a new
 * version; the whole copied or exported.
 */
import type { Api, DraftView } from './api-client.js';
import { h, replaceChildren } from './dom.js';
import { spansOfFigures, type FigureSpan } from '../domain/figures.js';
import { joinParts, spansInPart, splitParts, type DraftPart } from './draft-parts.js';
import { listPlaceholders, renderMarked } from './markdown-lite.js';
import { sanitize } from './sanitize.js';
import { shouldSend } from './keys.js';
import { proofreadView } from './proofread-view.js';

export interface DraftHooks {
  announce(text: string): void;
  /** Called with every stored version, so the widget can remember the draft. */
  stored(view: DraftView): void;
}

const REWRITE_ROUTE = '/api/drafts/{id}/sections/{n}/rewrite';
const rendered = (markdown: string, marks: readonly FigureSpan[] = [], computed: ReadonlyArray<{ value: string; formula: string }> = []) =>
  sanitize(renderMarked(markdown, marks, computed));

/** The server's places of unverified figures; a server without them gets its figures found as whole figures. */
const placesOf = (view: DraftView): FigureSpan[] => view.figures?.inventedAt ?? spansOfFigures(view.markdown, view.figures?.invented ?? []);

/** The sums a draft states (accepted and right), each with how it was computed, from figures.derived. */
const computedOf = (view: DraftView): Array<{ value: string; formula: string }> =>
  (view.figures.derived ?? []).filter((d) => d.accepted && d.ok);

/**
 * Builds the draft view.
 * @example const view = draftView(api, hooks); main.append(view.el); await view.stream(() => api.draft(id, view.onEvent))
 */
export function draftView(api: Api, hooks: DraftHooks) {
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const warnings = h('div', { class: 'notes', hidden: true });
  const placeholders = h('div', { class: 'notes', hidden: true });
  const doc = h('article', { class: 'doc', 'aria-label': '稿件正文', 'aria-busy': 'false' });
  const toast = h('span', { class: 'toast', role: 'status' });
  const copy = h('button', { type: 'button' }, '复制全文');
  const exports = (['md', 'txt', 'docx'] as const).map((format) => {
    const button = h('button', { type: 'button', 'data-format': format }, `导出 .${format}`);
    button.addEventListener('click', () => void download(format, button));
    return button;
  });
  // 校对 (src/widget/proofread-view.ts): its button joins the actions, its list sits above the draft.
  const proof = proofreadView(api, {
    current: () => current,
    parts: () => parts,
    render: (markdown) => rendered(markdown, spansOfFigures(markdown, current?.figures?.invented ?? []), computed),
    save: async (markdown) => {
      const view = await api.saveDraft(current!.id, markdown);
      show(view);
      return view;
    },
    say: (text, error) => say(text, error),
    doc,
  });
  const actions = h('div', { class: 'actions', hidden: true }, proof.button, copy, ...exports, toast);
  const scroll = h('div', { class: 'scroll' }, status, warnings, placeholders, proof.panel, doc);
  const el = h('div', { class: 'draft' }, scroll, actions);
  el.style.cssText = 'display:flex;flex-direction:column;flex:1;min-height:0';

  let current: DraftView | null = null;
  let computed: Array<{ value: string; formula: string }> = [];
  let parts: DraftPart[] = [];
  let canRewrite = false;
  void api.hasRoute(REWRITE_ROUTE).then((yes) => {
    canRewrite = yes;
    if (yes && current) show(current);
  });

  const say = (text: string, error = false) => {
    replaceChildren(toast, error ? h('span', { class: 'err' }, text) : text);
    hooks.announce(text);
  };

  // While streaming: one block per piece, re-rendered as its text grows.
  const pieces = new Map<string, { el: HTMLElement; text: string }>();
  /** Each piece's heading lines: the number is ours, the words may be replaced by the model's (`heading` event). */
  const heads = new Map<string, { before: string; marks: string; number: string; words: string }>();
  const headingOf = (key: string) => {
    const head = heads.get(key);
    return head ? `${head.before}${head.marks}${head.number}${head.words}` : '';
  };
  const render = (key: string) => {
    const piece = pieces.get(key);
    if (piece) replaceChildren(piece.el, rendered(`${headingOf(key)}\n\n${piece.text}`));
  };
  let finished = 0;

  function onEvent(event: string, data: any) {
    if (event === 'outline') {
      const outline = data?.outline ?? data;
      replaceChildren(doc, h('h1', {}, String(outline?.title ?? '')));
      heads.clear();
      for (const item of outline?.items ?? []) {
        heads.set(item.key, { before: '', marks: '## ', number: item.number, words: item.heading });
        // A group's heading is written with its first child (the group itself is no piece).
        (item.children ?? []).forEach((child: { key: string; number: string; heading: string }, i: number) =>
          heads.set(child.key, { before: i === 0 ? `## ${item.number}${item.heading}\n\n` : '', marks: '### ', number: child.number, words: child.heading }),
        );
      }
      replaceChildren(status, '正在起草……');
    } else if (event === 'section-start') {
      const block = h('div', { class: 'part writing' });
      pieces.set(data.key, { el: block, text: '' });
      doc.append(block);
      render(data.key);
      replaceChildren(status, `正在起草：${data.heading ?? ''}……`);
    } else if (event === 'heading') {
      // The model named the part: shown at once, not only when the draft is done.
      const head = heads.get(data.key);
      if (head && typeof data.heading === 'string' && data.heading.trim()) head.words = data.heading.trim();
      render(data.key);
    } else if (event === 'text') {
      const piece = pieces.get(data.key);
      if (!piece) return;
      piece.text += String(data.text ?? '');
      render(data.key);
      scroll.scrollTop = scroll.scrollHeight;
    } else if (event === 'section-end') {
      pieces.get(data.key)?.el.classList.remove('writing');
      finished += 1;
      replaceChildren(status, `正在起草……已完成 ${finished} 部分`);
    }
  }

  async function stream(run: (onEvent: (event: string, data: any) => void) => Promise<DraftView>) {
    pieces.clear();
    finished = 0;
    actions.hidden = true;
    doc.setAttribute('aria-busy', 'true');
    replaceChildren(status, '正在准备提纲……');
    try {
      const view = await run(onEvent);
      show(view);
      hooks.announce('稿件已生成');
    } catch (error) {
      replaceChildren(status, h('span', { class: 'err' }, (error as Error).message), ' ', retryButton(run));
      throw error;
    } finally {
      doc.setAttribute('aria-busy', 'false');
    }
  }

  function retryButton(run: Parameters<typeof stream>[0]) {
    const button = h('button', { type: 'button', class: 'primary small' }, '重试');
    button.addEventListener('click', () => void stream(run).catch(() => {}));
    return button;
  }

  /** The finished draft: parts with their tools, the markers listed, the warnings said. */
  function show(view: DraftView) {
    current = view;
    hooks.stored(view);
    parts = splitParts(view.markdown);
    computed = computedOf(view);
    const places = placesOf(view);
    replaceChildren(status, `稿件已生成（第 ${view.version ?? 1} 版）。点“编辑”可修改任一部分。`);
    actions.hidden = false;

    const figureWarnings = (view.warnings ?? []).filter((w) => w.code !== 'placeholder');
    warnings.hidden = !figureWarnings.length;
    replaceChildren(warnings, h('h3', {}, `请核实（${figureWarnings.length} 处）`), h('ul', {}, ...figureWarnings.map((w) => h('li', {}, w.message))));

    const markers = listPlaceholders(view.markdown);
    placeholders.hidden = !markers.length;
    replaceChildren(
      placeholders,
      h('h3', {}, `待补充（${markers.length} 处）`),
      h('ul', {}, ...markers.map((marker) => h('li', {}, h('button', { type: 'button', class: 'small', onclick: () => editMarker(marker) }, marker)))),
    );

    replaceChildren(doc, ...parts.map((part, index) => partBlock(part, index, spansInPart(places, part))));
    proof.shown();
    if (doc.getAttribute('aria-busy') === 'true') scroll.scrollTop = 0;
  }

  function partBlock(part: DraftPart, index: number, marks: readonly FigureSpan[]): HTMLElement {
    const body = h('div', {}, rendered(part.markdown, marks, computed));
    const edit = h('button', { type: 'button', class: 'small', 'aria-label': `编辑“${part.label}”` }, '编辑');
    const tools = h('div', { class: 'parttools' }, edit);
    const leaf = firstLeaf(index);
    if (canRewrite && leaf) tools.append(...rewriteTools(part, index, leaf));
    const block = h('section', { class: 'part', 'data-part': index, 'aria-label': part.label }, body, tools);
    edit.addEventListener('click', () => openEditor(block, index));
    return block;
  }

  /** The （一）（二） headings inside a part, as shown. */
  const subHeadings = (part: DraftPart) => [...part.markdown.matchAll(/^###\s+(.+?)\s*$/gm)].map((m) => m[1].replace(/\\(.)/g, '$1'));

  /**
   * The rewrite route counts leaf parts in body order (（一）（二） each count, a part with sub-parts itself doesn't):
   * the number of this part's first leaf; null for the title and opening.
   */
  function firstLeaf(index: number): number | null {
    if (index === 0) return null;
    return 1 + parts.slice(1, index).reduce((sum, part) => sum + Math.max(1, subHeadings(part).length), 0);
  }

  function rewriteTools(part: DraftPart, index: number, leaf: number): HTMLElement[] {
    const select = h(
      'select',
      { 'aria-label': `改写“${part.label}”的方式` },
      h('option', { value: '更简洁' }, '更简洁'),
      h('option', { value: '更详细' }, '更详细'),
      h('option', { value: 'custom' }, '按我的要求……'),
    );
    // A part made of （一）（二）… is rewritten one sub-part at a time (the route has no whole-group rewrite); without
    // this choice such a part — a work plan's 主要工作和措施, its main content — had no 改写 at all.
    const subs = subHeadings(part);
    const which = h(
      'select',
      { class: 'which', 'aria-label': `改写“${part.label}”中的哪一部分` },
      ...subs.map((label, i) => h('option', { value: String(i) }, label)),
    );
    const target = () => (subs.length ? { leaf: leaf + Number(which.value), label: subs[Number(which.value)] } : { leaf, label: part.label });
    // Named after its part: every part has one, and a screen reader's list of five bare “改写” can't be told apart.
    const button = h('button', { type: 'button', class: 'small rewrite', 'aria-label': `改写“${part.label}”` }, '改写');
    button.addEventListener('click', async () => {
      if (!current) return;
      let instruction = select.value;
      if (select.value === 'custom') {
        const block = button.closest('section');
        const existing = block?.querySelector<HTMLInputElement>('input.instruction');
        if (!existing || !existing.value.trim()) {
          const input = h('input', { type: 'text', class: 'instruction', placeholder: '例如：突出数字，控制在200字内', 'aria-label': '改写要求' });
          // Enter sends the instruction, as in the chat box; without this a keyboard user had to Tab back to 改写.
          input.addEventListener('keydown', (event) => {
            if (!shouldSend(event)) return;
            event.preventDefault();
            if (!button.disabled) button.click();
          });
          if (!existing) block?.querySelector('.parttools')?.before(input);
          (existing ?? input).focus();
          say('请写下改写要求，再点“改写”');
          return;
        }
        instruction = existing.value.trim();
      }
      // Disabling the focused button drops focus to the page in Chromium; give it back when the request is over.
      const hadFocus = (button.getRootNode() as Document | ShadowRoot).activeElement === button;
      button.disabled = true;
      say('正在改写……');
      try {
        const { leaf: n, label } = target();
        show(await api.rewrite(current.id, n, instruction));
        say(`已改写“${label}”，保存为第 ${current.version} 版`);
        // show() drew every part again, so the controls that had focus are gone: focus this part's new ones.
        const again = doc.querySelector(`[data-part="${index}"]`);
        const whichAgain = again?.querySelector<HTMLSelectElement>('select.which');
        if (whichAgain) whichAgain.value = which.value;
        again?.querySelector<HTMLElement>('button.rewrite')?.focus();
      } catch (error) {
        say((error as Error).message, true);
      } finally {
        button.disabled = false;
        if (hadFocus && button.isConnected) button.focus();
      }
    });
    return subs.length ? [which, select, button] : [select, button];
  }

  function replacePart(index: number, markdown: string): string {
    return joinParts(parts.map((part, i) => (i === index ? { markdown } : part)));
  }

  async function save(markdown: string) {
    if (!current) return;
    const view = await api.saveDraft(current.id, markdown);
    show(view);
    say(`已保存为第 ${view.version} 版`);
  }

  function openEditor(block: HTMLElement, index: number, select?: string) {
    const part = parts[index];
    // The edited text is not guarded until saved: its figures that the guard already doubted are marked where they stand.
    const invented = current?.figures?.invented ?? [];
    const area = h('textarea', { 'aria-label': `编辑“${part.label}”（Markdown）`, value: part.markdown });
    const preview = h('div', { class: 'preview doc', 'aria-label': '预览', role: 'region' }, rendered(part.markdown, spansOfFigures(part.markdown, invented)));
    area.addEventListener('input', () => replaceChildren(preview, rendered(area.value, spansOfFigures(area.value, invented))));
    const saveButton = h('button', { type: 'button', class: 'primary small' }, '保存为新版本');
    const cancel = h('button', { type: 'button', class: 'small' }, '取消');
    saveButton.addEventListener('click', async () => {
      if (!area.value.trim()) return say('这一部分不能为空；不需要的部分可以在提纲中删除', true);
      saveButton.disabled = true;
      try {
        await save(replacePart(index, area.value));
        (doc.querySelector(`[data-part="${index}"] button`) as HTMLElement | null)?.focus();
      } catch (error) {
        say((error as Error).message, true);
        saveButton.disabled = false;
      }
    });
    cancel.addEventListener('click', () => {
      if (current) show(current);
      (doc.querySelector(`[data-part="${index}"] button`) as HTMLElement | null)?.focus();
    });
    replaceChildren(block, h('div', { class: 'editor' }, area, preview), h('div', { class: 'parttools' }, cancel, saveButton));
    area.focus();
    if (select) {
      const at = area.value.indexOf(select);
      if (at >= 0) area.setSelectionRange(at, at + select.length);
    }
  }

  function editMarker(marker: string) {
    const index = parts.findIndex((part) => part.markdown.includes(marker));
    const block = doc.querySelector<HTMLElement>(`[data-part="${index}"]`);
    if (block) openEditor(block, index, marker);
  }

  copy.addEventListener('click', async () => {
    if (!current) return;
    const text = current.text || current.markdown;
    try {
      await navigator.clipboard.writeText(text);
      say('已复制全文');
    } catch {
      const area = h('textarea', { value: text, 'aria-hidden': 'true' });
      el.append(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      say(ok ? '已复制全文' : '无法访问剪贴板，请手动选择正文复制', !ok);
    }
  });

  async function download(format: string, button: HTMLButtonElement) {
    if (!current) return;
    button.disabled = true;
    try {
      const { blob, name } = await api.exportFile(current.id, format);
      const url = URL.createObjectURL(blob);
      const link = h('a', { href: url, download: name });
      el.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      say(`已导出 ${name}`);
    } catch (error) {
      say((error as Error).message, true);
      if ((error as { code?: string }).code === 'unsupported_format') button.hidden = true;
    } finally {
      button.disabled = false;
    }
  }

  return { el, onEvent, stream, show, get view() { return current; } };
}
