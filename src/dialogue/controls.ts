/** The controls a person types (and the widget offers as buttons): 跳过, 上一步, 修改 + part, 重新开始, 完成, 确认. Pure. */

export type Control =
  | { kind: 'skip' }
  | { kind: 'back' }
  | { kind: 'restart' }
  /** 完成: finish asking now and review; 直接生成: finish and be ready to draft at once. */
  | { kind: 'finish'; draftNow: boolean }
  | { kind: 'confirm' }
  /** 修改 + what follows; the engine resolves the name to a field. */
  | { kind: 'edit'; target: string };

// 好的，跳过 / 嗯 上一步 / 好了，先这样吧: the word of assent before a control (but 好了 alone is 完成).
const norm = (text: string) => text.trim().replace(/[。.!！~～\s]+$/g, '').replace(/^(?:好的|(?:好了|好|嗯|行)(?=[，,\s]))[，,\s]*/, '').replace(/\s+/g, '');

const SKIP = /^(?:跳过|跳过(?:这|此|这个|本)?(?:题|个|一题|问题)?|略过|先跳过|不填|暂不填写|下一个|下一题|pass|skip)(?:吧|了)?$/i;
const BACK = /^(?:上一步|返回|上一个|上一题|回到上一步|返回上一步|后退|撤销|back)$/i;
const RESTART = /^(?:重新开始|重来|从头开始|重新来|全部重来|restart)$/i;
const FINISH = /^(?:完成|好了|结束|就这样|完成了|完毕|写完了|结束提问|先这样|暂时先这样|先到这里|到此为止)(?:吧|了)?$/;
const DRAFT_NOW = /^(?:直接生成|现在生成|马上生成|直接写|直接起草|生成稿件|开始生成|生成吧|直接出稿)(?:吧|了)?$/;
const CONFIRM = /^(?:确认|确定|没问题|可以|可以了|生成|开始起草|起草|就这样生成|确认生成|确认无误|同意|对|是的|好)(?:吧|了)?$/;
const EDIT = /^(?:修改|更改|重新填写|重填|我要修改|我想修改|改一下)\s*[:：]?\s*(.+)$/;

/**
 * The control a message is, or null when it is an answer. 修改 is returned with its target unresolved.
 * @example detectControl('上一步') // { kind: 'back' }
 */
export function detectControl(text: string): Control | null {
  const t = norm(text);
  if (!t) return null;
  if (SKIP.test(t)) return { kind: 'skip' };
  if (BACK.test(t)) return { kind: 'back' };
  if (RESTART.test(t)) return { kind: 'restart' };
  if (DRAFT_NOW.test(t)) return { kind: 'finish', draftNow: true };
  if (FINISH.test(t)) return { kind: 'finish', draftNow: false };
  if (CONFIRM.test(t)) return { kind: 'confirm' };
  const edit = text.trim().match(EDIT);
  if (edit) return { kind: 'edit', target: edit[1].trim().replace(/^(?:一下|下)/, '').replace(/[。！!]+$/, '').replace(/(?:部分|这部分|这一项|这项)$/, '').trim() };
  return null;
}
