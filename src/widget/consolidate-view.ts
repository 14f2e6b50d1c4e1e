/**
 * 汇总各单位报告: choose the schools' files, see what was recognised in each, split a merged area (or merge one
 * back), accept the sums offered — each shown with how it was computed — then start the review and draft.
 */
import { h, replaceChildren } from './dom.js';
import type { Api } from './api-client.js';

export interface ConsolidateHandlers {
  api: Api;
  announce(text: string): void;
  /** The merged fact sheet with the chosen sums accepted: start the session from it. */
  start(facts: Record<string, any>): Promise<void>;
  cancel(): void;
}

/** The view; `el` goes into the widget's main area. */
export function consolidateView(handlers: ConsolidateHandlers) {
  const files = h('input', { type: 'file', multiple: true, accept: '.txt,.md,.docx', 'aria-label': '选择各单位的报告（可多选）' });
  const org = h('input', { type: 'text', placeholder: '如：某某县教育局', 'aria-label': '汇总单位' });
  const run = h('button', { type: 'button', class: 'primary' }, '汇总');
  const cancel = h('button', { type: 'button' }, '返回对话');
  const status = h('p', { class: 'note', role: 'status' });
  const result = h('div', { class: 'consolidation' });
  const el = h(
    'div',
    { class: 'consolidate' },
    h('h3', {}, '汇总各单位报告'),
    h('label', {}, '各单位的报告（.docx、.txt、.md，可多选）', files),
    h('label', {}, '汇总单位', org),
    h('div', { class: 'actions' }, run, cancel),
    status,
    result,
  );

  const split = new Set<string>();
  let body: Record<string, any> | null = null;
  const accepted = new Set<number>();

  async function consolidate() {
    const chosen = [...(files.files ?? [])];
    if (chosen.length < 2) {
      replaceChildren(status, '请至少选择 2 份报告');
      return;
    }
    run.disabled = true;
    replaceChildren(status, '正在汇总…');
    try {
      body = await handlers.api.consolidate(chosen, { org: org.value.trim(), split: [...split] });
      accepted.clear();
      show();
      replaceChildren(status, `已汇总 ${body.consolidation.schools.length} 份报告`);
      handlers.announce(`已汇总 ${body.consolidation.schools.length} 份报告，请核对合并的领域和合计`);
    } catch (error) {
      replaceChildren(status, (error as Error).message);
    } finally {
      run.disabled = false;
    }
  }

  function show() {
    if (!body) return;
    const { consolidation, facts, warnings } = body;
    const schools = h(
      'ul',
      { class: 'schools' },
      ...consolidation.schools.map((s: any) => h('li', {}, h('strong', {}, s.school), `：${s.areas.map((a: any) => a.topic).join('、') || '没有读出工作领域'}`)),
    );
    const areas = h(
      'ul',
      { class: 'areas' },
      ...consolidation.areas.map((a: any) => {
        const base = String(a.key).split('#')[0];
        const isSplit = split.has(base);
        const many = a.members.length > 1;
        const toggle =
          isSplit || many
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'small',
                  'data-area': base,
                  onclick: () => {
                    if (isSplit) split.delete(base);
                    else split.add(base);
                    void consolidate();
                  },
                },
                isSplit ? '合并回去' : '分开',
              )
            : null;
        return h('li', {}, h('strong', {}, a.topic), `（${a.members.map((m: any) => `${m.school}：${m.topic}`).join('；')}）`, toggle);
      }),
    );
    const sums = h(
      'ul',
      { class: 'sums' },
      ...(facts.derived ?? []).map((d: any, i: number) => {
        const formula = `${d.of.join(' + ')} = ${d.value}`;
        const box = h('input', { type: 'checkbox', 'aria-label': `采用合计：${d.label ?? ''}${d.value}` });
        box.checked = accepted.has(i);
        box.addEventListener('change', () => (box.checked ? accepted.add(i) : accepted.delete(i)));
        // How it was computed shows on hover (title) and stays in the text for keyboard and screen-reader users.
        return h('li', { title: formula }, h('label', {}, box, ` ${d.label ?? '合计'} ${d.value}`), h('span', { class: 'formula' }, `（${formula}；${(d.sources ?? []).join('、')}）`));
      }),
    );
    const begin = h('button', { type: 'button', class: 'primary' }, '开始核对并起草');
    begin.addEventListener('click', async () => {
      begin.disabled = true;
      const chosen = { ...facts, ...(facts.derived ? { derived: facts.derived.map((d: any, i: number) => ({ ...d, accepted: accepted.has(i) })) } : {}) };
      try {
        await handlers.start(chosen);
      } catch (error) {
        replaceChildren(status, (error as Error).message);
        begin.disabled = false;
      }
    });
    replaceChildren(
      result,
      h('h4', {}, '各校识别出的工作领域'),
      schools,
      h('h4', {}, '合并后的工作领域'),
      areas,
      h('h4', {}, '可采用的合计（勾选采用）'),
      (facts.derived ?? []).length ? sums : h('p', { class: 'note' }, '没有可相加的同类数字'),
      warnings.length ? h('ul', { class: 'note' }, ...warnings.map((w: any) => h('li', {}, w.message))) : null,
      h('div', { class: 'actions' }, begin),
    );
  }

  run.addEventListener('click', () => void consolidate());
  cancel.addEventListener('click', () => handlers.cancel());
  return { el, focus: () => files.focus() };
}
