/** The interview: questions and answers, progress (第 3 / 9 步), 上一步 / 跳过 / 完成, and a box that is kind to IMEs. */
import type { Reply } from './api-client.js';
import { h, replaceChildren } from './dom.js';
import { fieldName } from './field-names.js';
import { shouldSend } from './keys.js';

export interface ChatHooks {
  /** Sends an answer or a control word; resolves when the reply is shown (or the failure is). */
  send(text: string): Promise<void>;
}

let counter = 0;

/**
 * Builds the chat view.
 * @example const chat = chatView({ send }); main.append(chat.el); chat.bot(reply, facts)
 */
export function chatView(hooks: ChatHooks) {
  const id = `rd-input-${++counter}`;
  const step = h('b');
  const filling = h('span');
  const barFill = h('i');
  const progress = h('div', { class: 'progress' }, h('span', {}, step), filling, h('div', { class: 'bar', 'aria-hidden': 'true' }, barFill));
  const log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': '对话记录' });
  const typing = h('div', { class: 'typing', hidden: true, role: 'status' }, '正在整理', h('i'), h('i'), h('i'));
  const scroll = h('div', { class: 'scroll' }, log, typing);
  const alertText = h('p');
  const retry = h('button', { type: 'button', class: 'primary small' }, '重试');
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true }, alertText, retry);
  const input = h('textarea', { id, rows: 2, placeholder: '在这里输入回答……', 'aria-describedby': `${id}-hint`, enterkeyhint: 'send' });
  const sendButton = h('button', { type: 'button', class: 'primary' }, '发送');
  const back = h('button', { type: 'button' }, '上一步');
  const skip = h('button', { type: 'button' }, '跳过');
  const finish = h('button', { type: 'button', title: '不再提问，缺少的内容在稿件中标为【待补充】' }, '完成');
  const controls = h('div', { class: 'controls', role: 'group', 'aria-label': '对话操作' }, back, skip, h('span', { class: 'spacer' }), finish);
  const composer = h(
    'div',
    { class: 'composer' },
    controls,
    h('div', { class: 'inputrow' }, h('label', { class: 'sr', for: id }, '你的回答'), input, sendButton),
    h('div', { class: 'hint', id: `${id}-hint` }, 'Enter 发送 · Shift+Enter 换行'),
  );
  const el = h('div', { class: 'chat' }, progress, scroll, alert, composer);
  el.style.cssText = 'display:flex;flex-direction:column;flex:1;min-height:0';

  let busy = false;
  let pending: string | null = null;
  let retryAction: (() => void) | null = null;

  const setBusy = (value: boolean) => {
    busy = value;
    typing.hidden = !value;
    for (const button of [sendButton, back, skip, finish]) button.disabled = value;
    if (value) scrollDown();
  };
  const scrollDown = () => {
    scroll.scrollTop = scroll.scrollHeight;
  };

  async function submit(text: string, echo = true) {
    const value = text.trim();
    if (!value || busy) return;
    alert.hidden = true;
    if (echo) message('user', value);
    pending = value;
    setBusy(true);
    try {
      await hooks.send(value);
    } finally {
      setBusy(false);
    }
  }

  function sendTyped() {
    const value = input.value;
    if (!value.trim() || busy) return;
    input.value = '';
    void submit(value);
    input.focus();
  }

  input.addEventListener('keydown', (event) => {
    if (shouldSend(event)) {
      event.preventDefault();
      sendTyped();
    }
  });
  sendButton.addEventListener('click', sendTyped);
  back.addEventListener('click', () => void submit('上一步'));
  skip.addEventListener('click', () => void submit('跳过'));
  finish.addEventListener('click', () => void submit('完成'));
  retry.addEventListener('click', () => {
    alert.hidden = true;
    if (retryAction) retryAction();
    else if (pending) void submit(pending, false);
  });

  function message(role: 'bot' | 'user', text: string, example?: string) {
    const bubble = h('div', { class: `msg ${role}` }, h('span', { class: 'sr' }, role === 'bot' ? '助手：' : '我：'), text);
    if (example) bubble.append(h('span', { class: 'eg' }, `例如：${example}`));
    log.append(bubble);
    scrollDown();
  }

  return {
    el,
    input,
    /** Shows the assistant's reply and where the interview stands. */
    bot(reply: Reply, facts: Record<string, any> = {}) {
      message('bot', reply.text);
      this.progress(reply, facts);
    },
    user(text: string) {
      message('user', text);
    },
    progress(reply: Reply, facts: Record<string, any> = {}) {
      const total = Math.max(reply.progress?.total ?? 0, 0);
      const done = Math.min(Math.max(reply.progress?.done ?? 0, 0), total);
      replaceChildren(step, total ? `第 ${Math.min(done + 1, total)} / ${total} 步` : '');
      const name = fieldName(reply.field, facts);
      replaceChildren(filling, name ? `正在填写：${name}` : done >= total && total ? '信息已齐，可以核对' : '');
      barFill.style.width = `${total ? Math.round((done / total) * 100) : 0}%`;
    },
    /** A failure: offline ones offer to retry the same answer; others are said in the conversation. */
    fail(message_: string, offline: boolean, retryWith?: () => void) {
      retryAction = retryWith ?? null;
      if (offline) {
        replaceChildren(alertText, message_);
        alert.hidden = false;
        retry.focus();
      } else {
        message('bot', message_);
      }
    },
    clear() {
      replaceChildren(log);
      alert.hidden = true;
    },
    focus() {
      input.focus();
    },
  };
}

export type ChatView = ReturnType<typeof chatView>;
