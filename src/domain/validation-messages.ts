/** Plain-Chinese words for what zod finds wrong where a schema names none: 缺少 / 类型不对 / 超出 …, no English left. */
import { z } from 'zod';

/** What a value of each JSON kind is called. */
const KIND: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  nan: '数字',
  boolean: 'true 或 false',
  array: '列表',
  tuple: '列表',
  object: '对象（{ … }）',
  record: '对象（{ … }）',
  null: 'null',
  undefined: '空',
  date: '日期',
  file: '文件',
};

/** The JSON kind of a value a caller sent, in words. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return '列表';
  if (typeof value === 'number' && Number.isNaN(value)) return '非数字';
  return KIND[typeof value] ?? '其他';
}

/** “类型不对：应为数字，收到文字” */
export const wrongType = (expected: string, value: unknown) => `类型不对：应为${KIND[expected] ?? expected}，收到${typeof value === 'string' ? `文字“${value.slice(0, 20)}”` : kindOf(value)}`;

const unitOf = (origin: string) => (origin === 'string' ? ' 个字' : origin === 'array' || origin === 'set' ? ' 项' : origin === 'file' ? ' 字节' : '');

/** The error map behind every schema without its own message (z.config customError). */
export const plainChineseErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '缺少此项（必填）' : wrongType(issue.expected, issue.input);
    case 'too_big': {
      const origin = String(issue.origin);
      const max = String(issue.maximum);
      if (origin === 'number' || origin === 'int' || origin === 'bigint') return `超出上限：不能大于 ${max}`;
      return `超出上限：最多 ${max}${unitOf(origin)}`;
    }
    case 'too_small': {
      const origin = String(issue.origin);
      const min = String(issue.minimum);
      if (origin === 'number' || origin === 'int' || origin === 'bigint') return issue.inclusive ? `不能小于 ${min}` : `应大于 ${min}`;
      if (Number(min) === 1 && origin === 'string') return '不能为空';
      return `太少：至少 ${min}${unitOf(origin)}`;
    }
    case 'invalid_value':
      return `应为 ${issue.values.map((v) => String(v)).join('、')} 之一`;
    case 'unrecognized_keys':
      return `不认识的字段：${issue.keys.join('、')}`;
    case 'invalid_format':
      return '格式不对';
    case 'not_multiple_of':
      return `应为 ${String(issue.divisor)} 的倍数`;
    case 'invalid_union':
      return '内容不符合任何一种可用的写法';
    default:
      return '内容不符合要求';
  }
};

/** Every zod message in plain Chinese: the locale for anything left, our map first. Call once at start-up. */
export function useChineseMessages(): void {
  z.config({ ...z.locales.zhCN(), customError: plainChineseErrors });
}
