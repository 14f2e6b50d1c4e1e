/**
 * One widget: the frame (header, steps, live region) and the flow between its views — interview, review, draft —
 * with the session remembered so a reload continues.
 */
import { ApiFailure, createApi, type Turn } from './api-client.js';
import { chatView, type ChatView } from './chat-view.js';
import { consolidateView } from './consolidate-view.js';
import type { ViewName } from './context.js';
import { h, replaceChildren } from './dom.js';
import { draftView } from './draft-view.js';
import { importView } from './import-view.js';
import { reviewView, type OutlineView } from './review-view.js';
import { sessionMemory } from './session-memory.js';

export interface WidgetOptions {
  endpoint: string;
  type: string;
  mode: 'inline' | 'bubble';
}

/** The outline in a session or an outline-edit answer. */
const outlineOf = (body: Record<string, any>): OutlineView => body?.outline ?? body?.session?.outline ?? { items: [] };

const STEPS: [ViewName, string][] = [
  ['chat', '① 回答问题'],
  ['review', '② 核对提纲'],
  ['draft', '③ 稿件'],
];

/**
 * Mounts a widget into a shadow root.
 * @example mountWidget(host.attachShadow({ mode: 'open' }), { endpoint: location.origin, type: 'annual-summary', mode: 'inline' })
 */
export function mountWidget(root: ShadowRoot, options: WidgetOptions) {
  const api = createApi(options.endpoint);
  const memory = sessionMemory(options.endpoint, `${options.type}:${options.mode}`);
  const live = h('div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
  const announce = (text: string) => {
    replaceChildren(live, text);
  };

  const heading = h('h2', {}, '公文起草助手');
  const restart = h('button', { type: 'button', class: 'small' }, '重新开始');
  const fromOld = h('button', { type: 'button', class: 'small', 'data-action': 'import' }, '用去年的报告开始');
  const close = h('button', { type: 'button', class: 'small', 'aria-label': '关闭起草助手' }, '×');
  const gather = h('button', { type: 'button', class: 'small' }, '汇总各单位报告');
  const header = h('header', {}, heading, fromOld, gather, restart, options.mode === 'bubble' ? close : null);
  const stepMarks = STEPS.map(([name, label]) => h('span', { 'data-step': name }, label));
  const nav = h('nav', { class: 'steps', 'aria-label': '步骤' }, ...stepMarks);
  const main = h('main', {});
  const panel = h('section', { class: 'rd', 'data-mode': options.mode, role: 'region', 'aria-label': '公文起草助手' }, header, nav, main, live);
  root.append(panel);

  let launcher: HTMLButtonElement | null = null;
  if (options.mode === 'bubble') {
    panel.hidden = true;
    launcher = h('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-label': '打开公文起草助手' }, '✎', h('span', {}, ' 起草助手'));
    root.append(launcher);
    launcher.addEventListener('click', () => toggle(panel.hidden));
    close.addEventListener('click', () => toggle(false));
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') toggle(false);
    });
  }
  let started = false;
  function toggle(open: boolean) {
    panel.hidden = !open;
    launcher!.setAttribute('aria-expanded', String(open));
    if (open) {
      if (!started) void start();
      else chat?.focus();
    } else launcher!.focus();
  }

  let sessionId: string | null = null;
  let chat: ChatView | null = null;
  let facts: Record<string, any> = {};

  function showStep(name: ViewName) {
    for (const mark of stepMarks) {
      if (mark.dataset.step === name) mark.setAttribute('aria-current', 'step');
      else mark.removeAttribute('aria-current');
    }
  }

  function failure(error: unknown): ApiFailure {
    return error instanceof ApiFailure ? error : new ApiFailure('出了点问题，请重试', 0, 'error');
  }

  /** A turn came back: show it, and move to review when the interview is done (the review shows the reply too). */
  function take(turn: Turn) {
    facts = turn.facts ?? facts;
    if (typeof facts.type === 'string') nameType(facts.type);
    chat!.bot(turn.reply, facts);
    if (turn.state === 'confirming' || turn.state === 'ready') void openReview(turn.reply.text);
  }

  function openChat(): ChatView {
    showStep('chat');
    chat = chatView({
      send: async (text) => {
        try {
          if (!sessionId) await begin();
          take(await api.send(sessionId!, text));
          return true;
        } catch (error) {
          const failed = failure(error);
          if (failed.status === 404 && sessionId) {
            memory.clear();
            sessionId = null;
            chat!.fail('这次对话已过期，已为你重新开始，请再发一次。', false);
            await begin().catch((e) => chat!.fail(failure(e).message, failure(e).offline));
            return false;
          }
          chat!.fail(failed.message, failed.offline);
          return false;
        }
      },
    });
    replaceChildren(main, chat.el);
    return chat;
  }

  /** 用去年的报告开始: the import view; its session replaces the current one once the user starts it. */
  function openImport() {
    showStep('chat');
    const view = importView(api, {
      start: async (text, report) => {
        const turn = await api.startImport(text, report);
        sessionId = turn.id;
        memory.save({ session: turn.id });
        openChat();
        take(turn);
        chat!.focus();
      },
      cancel: () => {
        const restored = openChat();
        if (sessionId) void api.getSession(sessionId).then((session) => replay(session, restored), () => {});
        restored.focus();
      },
    });
    replaceChildren(main, view.el);
    announce('用去年的报告开始：粘贴全文或选择文件');
    view.focus();
  }
  fromOld.addEventListener('click', () => openImport());

  async function begin() {
    const turn = await api.startSession(options.type);
    sessionId = turn.id;
    memory.save({ session: turn.id });
    take(turn);
  }

  /** The review; `said` is the assistant's last reply, shown above it (what was added, or what was not understood). */
  async function openReview(said?: string) {
    if (!sessionId) return;
    let session: Record<string, any>;
    try {
      session = await api.getSession(sessionId);
    } catch (error) {
      chat?.fail(failure(error).message, failure(error).offline);
      return;
    }
    showStep('review');
    const review = reviewView(session.facts ?? facts, outlineOf(session), {
      said,
      edit: async (operation) => outlineOf(await api.putOutline(sessionId!, { operations: [operation] })),
      say: async (text) => {
        const turn = await api.send(sessionId!, text);
        facts = turn.facts ?? facts;
        if (turn.state === 'asking') {
          // A new work area: its facts are asked in the conversation, which comes back here when answered.
          const view = openChat();
          replay(await api.getSession(sessionId!), view);
          view.focus();
          return;
        }
        await openReview(turn.reply.text);
      },
      back: () => {
        const view = openChat();
        replay(session, view);
        view.focus();
      },
      confirm: () => void openDraft(),
    });
    replaceChildren(main, review.el);
    announce('请核对事实和提纲');
    review.focus();
  }

  async function openDraft(existing?: string) {
    showStep('draft');
    const view = draftView(api, {
      announce,
      stored: (stored) => memory.save({ session: sessionId ?? undefined, draft: stored.id }),
    });
    replaceChildren(main, view.el);
    if (existing) {
      try {
        view.show(await api.getDraft(existing));
        return;
      } catch {
        /* draft gone: draft again from the session */
      }
    }
    await view.stream((onEvent) => api.draft(sessionId!, onEvent)).catch(() => {});
  }

  /** Shows a restored session's conversation again. */
  function replay(session: Record<string, any>, view: ChatView) {
    const transcript: any[] = session.transcript ?? session.messages ?? [];
    for (const entry of transcript) {
      const text = String(entry?.text ?? entry?.content ?? '');
      if (!text) continue;
      if (entry.role === 'user') view.user(text);
      else view.bot({ text, field: entry.field, progress: entry.progress }, session.facts);
    }
    const reply = session.reply ?? transcript.filter((e) => e.role !== 'user').pop();
    if (reply) view.progress({ text: '', field: reply.field ?? session.field, progress: reply.progress ?? session.progress }, session.facts);
  }

  async function start() {
    started = true;
    const view = openChat();
    const remembered = memory.load();
    if (remembered.session) {
      try {
        const session = await api.getSession(remembered.session);
        sessionId = remembered.session;
        facts = session.facts ?? {};
        if (remembered.draft) return void (await openDraft(remembered.draft));
        replay(session, view);
        if (session.state === 'confirming' || session.state === 'ready') return void (await openReview());
        return;
      } catch (error) {
        const failed = failure(error);
        if (failed.offline) return view.fail(failed.message, true, () => void start());
        memory.clear();
      }
    }
    try {
      await begin();
    } catch (error) {
      view.fail(failure(error).message, failure(error).offline, () => void start());
    }
  }

  /** The header names the type being written: the widget's own, or the one an imported report turned out to be. */
  let named = '';
  function nameType(typeId: string) {
    if (!typeId || typeId === named) return;
    named = typeId;
    void api.reportTypes().then(
      ({ types }) => {
        const name = types.find((t) => t.id === typeId)?.name;
        if (name && named === typeId) replaceChildren(heading, `公文起草助手 · ${name}`);
      },
      () => {},
    );
  }
  nameType(options.type);

  // 汇总: the session starts from the merged sheet, and the interview reviews it as it does an import.
  gather.addEventListener('click', () => {
    showStep('chat');
    const view = consolidateView({
      api,
      announce,
      cancel: () => void start().then(() => chat?.focus()),
      start: async (merged) => {
        const turn = await api.startFromConsolidation(merged);
        sessionId = turn.id;
        memory.save({ session: turn.id });
        openChat();
        take(turn);
        chat?.focus();
      },
    });
    replaceChildren(main, view.el);
    view.focus();
  });

  let armed = false;
  restart.addEventListener('click', () => {
    if (!armed) {
      armed = true;
      replaceChildren(restart, '确定重新开始？');
      setTimeout(() => {
        armed = false;
        replaceChildren(restart, '重新开始');
      }, 4000);
      return;
    }
    armed = false;
    replaceChildren(restart, '重新开始');
    memory.clear();
    sessionId = null;
    facts = {};
    void start().then(() => chat?.focus());
  });

  if (options.mode === 'inline') void start();
}

/** Host-independent ids are not needed: every widget lives in its own shadow root. */
export type Widget = ReturnType<typeof mountWidget>;
