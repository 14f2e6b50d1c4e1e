/**
 * The interview: questions and answers, progress (还剩 N 个问题, a bar that never runs back for the same facts),
 * 上一步 / 跳过 / 完成, and a box that is kind to IMEs. An answer is shown as sent only once the server stored it.
 */
import type { Reply } from './api-client.js';
import { h, replaceChildren } from './dom.js';
import { fieldName } from './field-names.js';
import { shouldSend } from './keys.js';

export interface ChatHooks {
  /** Sends an answer or a control word; resolves true once the reply is shown, false when it was not stored. */
  send(text: string): Promise<boolean>;
}

/** Words that take the interview back (上一步, 修改…, 重新开始): the bar may then show less done. */
const GOES_BACK = /^(?:上一步|返回|撤销|重新开始|重来|修改|更改|重新填写|删除)/;

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
  const bar = h('div', { class: 'bar', role: 'progressbar', 'aria-label': '完成进度', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': '0' }, barFill);
  const progress = h('div', { class: 'progress' }, h('span', {}, step), filling, bar);
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
  /** The bar as last drawn (0…1) and the count it showed: it only runs back when the person went back. */
  let shown = 0;
  let shownDone = 0;
  let wentBack = false;

  const setBusy = (value: boolean) => {
    busy = value;
    typing.hidden = !value;
    for (const button of [sendButton, back, skip, finish]) button.disabled = value;
    if (value) scrollDown();
  };
  const scrollDown = () => {
    scroll.scrollTop = scroll.scrollHeight;
  };

  /**
   * Sends one answer. Its bubble is marked as sending until the server has stored it; if it was not stored, the
   * bubble goes and a typed answer is put back in the box, so nothing looks sent that was not.
   */
  async function submit(text: string, typed: boolean) {
    const value = text.trim();
    if (!value || busy) return;
    alert.hidden = true;
    const bubble = message('user', value);
    bubble.classList.add('sending');
    bubble.setAttribute('aria-busy', 'true');
    pending = value;
    wentBack = GOES_BACK.test(value);
    setBusy(true);
    let stored = false;
    try {
      stored = await hooks.send(value);
    } finally {
      setBusy(false);
    }
    if (stored) {
      bubble.classList.remove('sending');
      bubble.removeAttribute('aria-busy');
      pending = null;
      return;
    }
    bubble.remove();
    if (typed) {
      // Back in the box, ahead of anything typed meanwhile: it is sent again, in its order, by 重试 or Enter.
      input.value = input.value.trim() ? `${value}\n${input.value}` : value;
      pending = null;
    }
  }

  function sendTyped() {
    const value = input.value;
    if (!value.trim() || busy) return;
    input.value = '';
    void submit(value, true);
    input.focus();
  }

  input.addEventListener('keydown', (event) => {
    if (shouldSend(event)) {
      event.preventDefault();
      sendTyped();
    }
  });
  sendButton.addEventListener('click', sendTyped);
  back.addEventListener('click', () => void submit('上一步', false));
  skip.addEventListener('click', () => void submit('跳过', false));
  finish.addEventListener('click', () => void submit('完成', false));
  retry.addEventListener('click', () => {
    alert.hidden = true;
    if (retryAction) retryAction();
    else if (pending) void submit(pending, false);
    else sendTyped();
  });

  function message(role: 'bot' | 'user', text: string, example?: string) {
    const bubble = h('div', { class: `msg ${role}` }, h('span', { class: 'sr' }, role === 'bot' ? '助手：' : '我：'), text);
    if (example) bubble.append(h('span', { class: 'eg' }, `例如：${example}`));
    log.append(bubble);
    scrollDown();
    return bubble;
  }

  return {
    el,
    input,
    /** Shows the assistant's reply and where the interview stands. */
    bot(reply: Reply, facts: Record<string, any> = {}) {
      for (const old of log.querySelectorAll('.answers')) old.remove();
      const bubble = message('bot', reply.text);
      // “我理解为……对吗？”: one click answers it (a correction is typed in the box as usual).
      if (/对吗？/.test(reply.text)) {
        const yes = h('button', { type: 'button', class: 'small' }, '对');
        const no = h('button', { type: 'button', class: 'small' }, '不对');
        yes.addEventListener('click', () => void submit('对', false));
        no.addEventListener('click', () => void submit('不对', false));
        bubble.append(h('span', { class: 'answers', role: 'group', 'aria-label': '回答确认' }, yes, no));
      }
      this.progress(reply, facts);
    },
    user(text: string) {
      message('user', text);
    },
    progress(reply: Reply, facts: Record<string, any> = {}) {
      const total = Math.max(reply.progress?.total ?? 0, 0);
      const done = Math.min(Math.max(reply.progress?.done ?? 0, 0), total);
      const left = total - done;
      replaceChildren(step, total ? (left ? `第 ${done + 1} 步，还剩 ${left} 个问题` : '问题已答完') : '');
      const name = fieldName(reply.field, facts);
      replaceChildren(filling, name ? `正在填写：${name}` : done >= total && total ? '信息已齐，可以核对' : '');
      // New work areas add questions: the bar waits for them instead of running back, unless the person went back.
      const fraction = total ? done / total : 0;
      shown = wentBack || done < shownDone ? fraction : Math.max(shown, fraction);
      shownDone = done;
      wentBack = false;
      barFill.style.width = `${Math.round(shown * 100)}%`;
      bar.setAttribute('aria-valuenow', String(Math.round(shown * 100)));
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
