/**
 * Review before drafting: the assistant's last reply, the facts collected (未归类 items to place or drop, a fact to
 * add to any area or list) and the numbered outline; rename, reorder (↑ ↓) and drop parts, then confirm.
 */
import { FIELD_NAMES } from '../contract/field-names.js';
import type { OutlineOperation, PartRef } from '../contract/outline-operations.js';
import type { OutlineShape, SessionFacts } from '../contract/session-shapes.js';
import { h, replaceChildren } from './dom.js';

/** The outline as the server sends it (with its title, if it has one yet). */
export type OutlineView = Pick<OutlineShape, 'items'> & Partial<Pick<OutlineShape, 'title'>>;

export interface ReviewHooks {
  /** The assistant's last reply, shown above the review (what it added, or what it did not understand). */
  said?: string;
  /** Applies one edit on the server and resolves with the outline as it now stands. */
  edit(operation: OutlineOperation): Promise<OutlineView>;
  /** Sends a message to the interview (补充, 归入); resolves once the review (or the conversation) is shown again. */
  say(text: string): Promise<void>;
  back(): void;
  confirm(): void;
}

/** The single-value and list fields shown before the work areas, named as the questions name them. */
const SUMMARY_FIELDS = ['title', 'org', 'period', 'leadership', 'guidance', 'theme', 'goals', 'problems', 'nextSteps'] as const;

const list = (items: unknown[]) => h('ul', {}, ...items.map((item) => h('li', {}, String(item))));

/** The facts as a definition list; every value goes in as text. */
function factSummary(facts: SessionFacts): HTMLElement {
  const dl = h('dl', { class: 'facts' });
  const row = (label: string, value: Node | string) => dl.append(h('dt', {}, label), h('dd', {}, value));
  for (const key of SUMMARY_FIELDS) {
    const value = facts?.[key];
    if (Array.isArray(value) ? value.length : value) row(FIELD_NAMES[key], Array.isArray(value) ? list(value) : String(value));
  }
  for (const section of facts?.sections ?? []) {
    const facts_ = Array.isArray(section?.facts) ? section.facts : [];
    row(String(section?.heading ?? section?.topic ?? '工作领域'), facts_.length ? list(facts_) : h('span', { class: 'err' }, '（尚无具体情况，稿中标为待补充）'));
  }
  if (facts?.signature?.date) row('落款日期', String(facts.signature.date));
  return dl;
}

/** Lists a fact may be added to besides the work areas, when the report already has them. */
const LIST_TARGETS = ['goals', 'problems', 'nextSteps'] as const;

/** Where an added fact or a 未归类 item can go: each work area, the lists the facts have, and (for adding) a new area. */
function targets(facts: SessionFacts, withNewArea: boolean): [string, string][] {
  const areas = (facts?.sections ?? []).map((s) => String(s?.topic ?? '')).filter(Boolean).map((t) => [t, t] as [string, string]);
  // The server reads a list by the name its questions use (存在的问题), so that name is both value and label.
  const lists = LIST_TARGETS.filter((key) => Array.isArray(facts?.[key])).map((key) => [FIELD_NAMES[key], FIELD_NAMES[key]] as [string, string]);
  return [...areas, ...lists, ...(withNewArea ? [['', '新的工作领域'] as [string, string]] : [])];
}

const select = (options: [string, string][], label: string) =>
  h('select', { 'aria-label': label }, ...options.map(([value, text]) => h('option', { value }, text)));

/** The assistant's words before the review it repeats: what it just did. */
const leadOf = (said = '') => said.split(/\n?请核对已收集的信息/)[0].trim();

/**
 * Builds the review view.
 * @example main.append(reviewView(facts, outline, { edit, back, confirm }).el)
 */
export function reviewView(facts: SessionFacts, initial: OutlineView, hooks: ReviewHooks) {
  const outlineList = h('ol', { class: 'outline', 'aria-label': '稿件提纲' });
  const status = h('p', { class: 'status', role: 'status' });
  const title = h('p', { class: 'status' });
  const confirmButton = h('button', { type: 'button', class: 'primary' }, '确认提纲，开始起草');
  const backButton = h('button', { type: 'button' }, '返回对话补充');
  confirmButton.addEventListener('click', () => hooks.confirm());
  backButton.addEventListener('click', () => hooks.back());
  let busy = false;

  /** Sends one message for the review (the widget shows the review again with the reply above it). */
  async function say(text: string, where: HTMLElement) {
    if (busy) return;
    busy = true;
    replaceChildren(where, '正在保存……');
    try {
      await hooks.say(text);
    } catch (error) {
      replaceChildren(where, h('span', { class: 'err' }, (error as Error).message));
    } finally {
      busy = false;
    }
  }

  const lead = leadOf(hooks.said);
  const saidBox = lead ? h('p', { class: 'said', role: 'status' }, lead) : null;

  // 未归类: what the assistant could not place, each to be placed or dropped by the person.
  const unplaced: string[] = Array.isArray(facts?.unplaced) ? facts.unplaced.map(String) : [];
  const unplacedStatus = h('p', { class: 'status', role: 'status' });
  const unplacedList = unplaced.length
    ? h(
        'div',
        { class: 'unplaced' },
        h('h3', { class: 'sec' }, '未归类（不会写进稿件，请归入或删除）'),
        h(
          'ol',
          {},
          ...unplaced.map((item, i) => {
            const where = select(targets(facts, false), `未归类第${i + 1}条归入`);
            const place = h('button', { type: 'button', class: 'small' }, '归入');
            const drop = h('button', { type: 'button', class: 'small', 'aria-label': `删除未归类第${i + 1}条` }, '删除');
            place.addEventListener('click', () => void say(`把未归类第${i + 1}条归入${where.value}`, unplacedStatus));
            drop.addEventListener('click', () => void say(`删除未归类第${i + 1}条`, unplacedStatus));
            return h('li', {}, h('span', {}, item), where, place, drop);
          }),
        ),
        unplacedStatus,
      )
    : null;

  // 补充一条: a fact added to an area or a list without retyping the rest.
  const addStatus = h('p', { class: 'status', role: 'status' });
  const addTarget = select(targets(facts, true), '补充到');
  const addText = h('input', { type: 'text', 'aria-label': '补充的内容', placeholder: '例如：改造农村薄弱学校旱厕15所', maxlength: 2000 });
  const addButton = h('button', { type: 'button', class: 'small' }, '补充');
  const add = () => {
    const text = addText.value.trim();
    if (!text) return void addText.focus();
    void say(addTarget.value ? `${addTarget.value}还有一条：${text}` : `再加一个领域：${text}`, addStatus);
  };
  addButton.addEventListener('click', add);
  addText.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      add();
    }
  });
  const addForm = h('div', { class: 'add', role: 'group', 'aria-label': '补充事实' }, h('span', {}, '补充一条：'), addTarget, addText, addButton, addStatus);

  async function run(operation: OutlineOperation, focusAfter?: (root: HTMLElement) => HTMLElement | null) {
    if (busy) return;
    busy = true;
    replaceChildren(status, '正在保存……');
    try {
      render(await hooks.edit(operation));
      replaceChildren(status, '提纲已更新');
      focusAfter?.(outlineList)?.focus();
    } catch (error) {
      replaceChildren(status, h('span', { class: 'err' }, (error as Error).message));
    } finally {
      busy = false;
    }
  }

  function row(item: OutlineShape['items'][number], ref: PartRef, count: number, index: number): HTMLElement {
    const where = ref.child ? `第${ref.part}部分第${ref.child}项` : `第${ref.part}部分`;
    const input = h('input', { type: 'text', value: item.heading, 'aria-label': `${where}的标题`, maxlength: 60 });
    const rename = () => {
      const heading = input.value.trim();
      if (heading && heading !== item.heading) void run({ op: 'rename', target: ref, heading });
    };
    input.addEventListener('change', rename);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        rename();
      }
    });
    const to = (delta: number): PartRef => (ref.child ? { part: ref.part, child: ref.child + delta } : { part: ref.part + delta });
    const selector = (r: PartRef, action: string) => `[data-ref="${r.part}.${r.child ?? 0}"] [data-action="${action}"]`;
    const up = h('button', { type: 'button', class: 'small', 'data-action': 'up', 'aria-label': `上移${where}`, disabled: index === 0 }, '↑');
    const down = h('button', { type: 'button', class: 'small', 'data-action': 'down', 'aria-label': `下移${where}`, disabled: index === count - 1 }, '↓');
    const drop = h('button', { type: 'button', class: 'small', 'aria-label': `删除${where}`, disabled: count === 1 && !ref.child }, '删除');
    up.addEventListener('click', () => void run({ op: 'move', target: ref, to: to(-1) }, (root) => root.querySelector(selector(to(-1), 'up')) ?? root.querySelector(selector(to(-1), 'down'))));
    down.addEventListener('click', () => void run({ op: 'move', target: ref, to: to(1) }, (root) => root.querySelector(selector(to(1), 'down')) ?? root.querySelector(selector(to(1), 'up'))));
    drop.addEventListener('click', () => void run({ op: 'drop', target: ref }, (root) => root.querySelector('input')));
    return h('li', { 'data-ref': `${ref.part}.${ref.child ?? 0}`, class: ref.child ? 'child' : undefined }, h('span', { class: 'num' }, item.number), input, up, down, drop);
  }

  function render(outline: OutlineView) {
    replaceChildren(title, outline.title ? `标题：${outline.title}` : '');
    const rows: HTMLElement[] = [];
    outline.items.forEach((item, i) => {
      rows.push(row(item, { part: i + 1 }, outline.items.length, i));
      item.children?.forEach((child, j) => rows.push(row(child, { part: i + 1, child: j + 1 }, item.children!.length, j)));
    });
    replaceChildren(outlineList, ...rows);
  }
  render(initial);

  const el = h(
    'div',
    { class: 'review' },
    h(
      'div',
      { class: 'scroll' },
      saidBox,
      h('h3', { class: 'sec' }, '已收集的事实'),
      factSummary(facts),
      unplacedList,
      addForm,
      h('h3', { class: 'sec' }, '稿件提纲'),
      title,
      h('p', { class: 'status' }, '可以修改标题、用 ↑ ↓ 调整顺序或删除部分；确认后开始起草。'),
      outlineList,
      status,
    ),
    h('div', { class: 'actions' }, backButton, confirmButton),
  );
  el.style.cssText = 'display:flex;flex-direction:column;flex:1;min-height:0';
  return { el, focus: () => confirmButton.focus() };
}
