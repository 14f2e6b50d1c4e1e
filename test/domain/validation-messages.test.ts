/** The plain-Chinese error map: what zod finds wrong in schemas that carry no message of their own. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toFieldIssues } from '../../src/domain/fact-sheet.js';
import { kindOf, useChineseMessages } from '../../src/domain/validation-messages.js';

useChineseMessages();

const ENGLISH_OR_SYMBOLS = /[A-Za-z]{3,}|>=|<=/;
const messageOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return (result as { error: z.ZodError }).error.issues[0].message;
};

describe('plain-Chinese validation messages', () => {
  it.each([
    ['a number sent as text', z.object({ n: z.number() }), { n: '三' }, /^类型不对：应为数字，收到文字“三”$/],
    ['text sent as a list', z.object({ s: z.string() }), { s: ['a'] }, /^类型不对：应为文字，收到列表$/],
    ['an absent field', z.object({ s: z.string() }), {}, /^缺少此项/],
    ['a number too large', z.number().max(10), 11, /^超出上限：不能大于 10$/],
    ['a number too small', z.number().int().min(1), 0, /^不能小于 1$/],
    ['too many items', z.array(z.string()).max(2), ['a', 'b', 'c'], /^超出上限：最多 2 项$/],
    ['too long a text', z.string().max(5), '一二三四五六', /^超出上限：最多 5 个字$/],
    ['an empty text', z.string().min(1), '', /^不能为空$/],
    ['a value outside an enum', z.enum(['md', 'docx']), 'pdf', /^应为 md、docx 之一$/],
    ['an unknown key', z.strictObject({ a: z.string() }), { a: 'x', b: 1 }, /^不认识的字段：b$/],
  ])('%s', (_name, schema, value, expected) => {
    const message = messageOf(schema, value);
    expect(message).toMatch(expected);
    expect(message.replace(/“.*”|md|docx/g, '')).not.toMatch(ENGLISH_OR_SYMBOLS);
  });

  it('keeps a schema’s own message, except that a wrong type is called so (the input tells)', () => {
    const schema = z.object({ text: z.string({ error: '请提供回答内容（text）' }) });
    const missing = schema.safeParse({});
    const wrong = schema.safeParse({ text: 5 });
    expect(toFieldIssues(missing.error!, {})[0].message).toBe('缺少必填字段 text');
    expect(toFieldIssues(wrong.error!, { text: 5 })[0].message).toBe('类型不对：应为文字，收到数字');
  });

  it('names JSON kinds in Chinese', () => {
    expect([kindOf(null), kindOf([]), kindOf({}), kindOf(1), kindOf('a'), kindOf(true), kindOf(Number.NaN)]).toEqual(['null', '列表', '对象（{ … }）', '数字', '文字', 'true 或 false', '非数字']);
  });
});
