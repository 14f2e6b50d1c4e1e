/**
 * "用去年的报告开始": paste an old report or choose a .docx/.txt/.md file, see what was recognised (type, areas,
 * how many facts, which of several reports), then start the import interview that asks only what changed.
 */
import { ApiFailure, type Api, type ImportView } from './api-client.js';
import { h, replaceChildren } from './dom.js';

/** The server's limits (POST /api/imports): JSON bodies 256 KiB, uploads 5 MiB. Checked here first to say so early. */
const TEXT_LIMIT = 256 * 1024 - 1024;
const FILE_LIMIT = 5 * 1024 * 1024;
const FILE_TYPES = ['.docx', '.txt', '.md'];

export interface ImportHooks {
  /** Starts the session from the text (and the report chosen); resolves when the interview shows. */
  start(text: string, report: number | undefined): Promise<void>;
  cancel(): void;
}

let counter = 0;

/**
 * Builds the import view.
 * @example const view = importView(api, { start, cancel }); main.append(view.el); view.focus()
 */
export function importView(api: Api, hooks: ImportHooks) {
  const id = `rd-import-${++counter}`;
  const paste = h('textarea', { id: `${id}-text`, rows: 5, placeholder: '把去年的总结、计划或网上找到的范文全文粘贴到这里……' });
  const file = h('input', { id: `${id}-file`, type: 'file', accept: `${FILE_TYPES.join(',')},application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain` });
  const read = h('button', { type: 'button', class: 'primary' }, '识别');
  const cancel = h('button', { type: 'button' }, '返回对话');
  const error = h('p', { class: 'err', role: 'alert', hidden: true });
  const result = h('div', { class: 'recognised', 'aria-live': 'polite' });
  const begin = h('button', { type: 'button', class: 'primary', hidden: true }, '开始核对');
  const el = h(
    'div',
    { class: 'import' },
    h(
      'div',
      { class: 'scroll' },
      h('h3', { class: 'sec' }, '用去年的报告开始'),
      h('p', { class: 'status' }, '导入后只问有变化的地方和这次的数字，原文的数字一字不改。'),
      h('label', { for: paste.id }, '粘贴报告全文'),
      paste,
      h('p', { class: 'status' }, h('label', { for: file.id }, '或选择文件（.docx、.txt、.md，不超过 5 MiB）：'), file),
      error,
      result,
    ),
    h('div', { class: 'actions' }, read, begin, h('span', { class: 'spacer' }), cancel),
  );
  el.style.cssText = 'display:flex;flex-direction:column;flex:1;min-height:0';

  /** What the session starts from once something was recognised. */
  let source: { text: string; report?: number } | null = null;
  /** The upload read last: a report chosen from it is imported again from the same file. */
  let uploaded: File | null = null;

  const fail = (message: string) => {
    replaceChildren(error, message);
    error.hidden = false;
    begin.hidden = true;
    replaceChildren(result);
  };
  const messageOf = (e: unknown) => (e instanceof ApiFailure ? e.message : '出了点问题，请重试');

  function show(view: ImportView, text: string, report: number | undefined) {
    const sections = view.facts.sections ?? [];
    const facts = sections.reduce((n, s) => n + s.facts.length, 0);
    if (!sections.length || (!view.facts.org && !view.facts.period && view.warnings.some((w) => w.field === 'sections'))) {
      return fail('没能从这段文字中读出报告：没有找到单位、时间段和“一、……”这样的小标题。请粘贴完整的报告全文，或选择报告文件。');
    }
    error.hidden = true;
    source = { text, report };
    void api.reportTypes().then(
      ({ types }) => {
        const name = (id: string) => types.find((t) => t.id === id)?.name ?? id;
        replaceChildren(typeLine, `类型：${name(view.facts.type)}${view.reportType?.unsure ? '（没有把握，对话中会先请你确认）' : ''}`);
      },
      () => {},
    );
    const typeLine = h('p', { class: 'type' }, `类型：${view.facts.type}`);
    const choice = view.reports && view.reports.length > 1 ? reportChoice(view.reports, report ?? 1) : null;
    replaceChildren(
      result,
      h('h3', { class: 'sec' }, '识别结果'),
      view.facts.title ? h('p', { class: 'title' }, view.facts.title) : null,
      typeLine,
      h('p', { class: 'count' }, `${sections.length} 个工作领域，${facts} 条事实`),
      h('ol', { class: 'areas' }, ...sections.map((s) => h('li', {}, s.heading ?? s.topic))),
      choice,
      view.warnings.length ? h('details', { class: 'notes' }, h('summary', {}, `导入提示（${view.warnings.length} 条）`), h('ul', {}, ...view.warnings.map((w) => h('li', {}, w.message)))) : null,
    );
    begin.hidden = false;
    // The result sits below the text box: bring it into sight, the pasted text above it stays where it was.
    result.scrollIntoView?.({ block: 'nearest' });
  }

  /** Several reports in one page: each can be chosen, and is recognised again. */
  function reportChoice(reports: NonNullable<ImportView['reports']>, current: number) {
    const select = h('select', { id: `${id}-report` }, ...reports.map((r) => h('option', { value: String(r.index), selected: r.index === current }, `第 ${r.index} 篇：${r.title}（${r.areas} 个工作领域，${r.facts} 条事实）`)));
    select.addEventListener('change', () => void recognise(Number(select.value)));
    return h('p', { class: 'reports' }, h('label', { for: select.id }, `这里有 ${reports.length} 篇报告，导入哪一篇？`), select);
  }

  async function recognise(report?: number) {
    const picked = file.files?.[0] ?? null;
    const text = paste.value;
    if (!picked && !text.trim()) return fail('请先粘贴报告全文，或选择一个 .docx、.txt 文件。');
    read.disabled = true;
    try {
      if (picked) {
        const ext = /\.[^.]+$/.exec(picked.name.toLowerCase())?.[0] ?? '';
        if (!FILE_TYPES.includes(ext)) return fail(`不支持“${ext || '无扩展名'}”文件，请选择 .docx、.txt 或 .md 文件（旧版 .doc 请先另存为 .docx）。`);
        if (picked.size > FILE_LIMIT) return fail(`文件有 ${(picked.size / 1024 / 1024).toFixed(1)} MiB，超过 5 MiB 上限。可以只复制报告正文粘贴进来。`);
        uploaded = picked;
        const view = await api.importFile(picked, report);
        show(view, view.text ?? '', report);
      } else {
        if (new TextEncoder().encode(text).length > TEXT_LIMIT) return fail('粘贴的文字超过 256 KiB，请只粘贴报告正文。');
        show(await api.importText(text, report), text, report);
      }
    } catch (e) {
      fail(messageOf(e));
    } finally {
      read.disabled = false;
    }
  }

  read.addEventListener('click', () => void recognise());
  // Choosing a file or typing anew forgets the last result: 开始核对 starts from what was recognised, nothing else.
  file.addEventListener('change', () => {
    if (file.files?.[0] && file.files[0] !== uploaded) {
      source = null;
      begin.hidden = true;
      void recognise();
    }
  });
  paste.addEventListener('input', () => {
    file.value = '';
    uploaded = null;
    source = null;
    begin.hidden = true;
  });
  begin.addEventListener('click', async () => {
    if (!source) return;
    begin.disabled = true;
    try {
      await hooks.start(source.text, source.report);
    } catch (e) {
      fail(messageOf(e));
    } finally {
      begin.disabled = false;
    }
  });
  cancel.addEventListener('click', () => hooks.cancel());

  return { el, focus: () => paste.focus() };
}
