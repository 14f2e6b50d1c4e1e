/**
 * Well-formed text in JSON bodies: the bytes decoded by the declared charset (UTF-8 when none; gb18030, GBK and
 * any other WHATWG label when declared), invalid bytes and lone surrogates (`"\ud800"`) refused with 400 naming
 * the field. Pure and web-standard: used by the request-body gate on both runtimes.
 */
import type { FieldIssue } from '../../domain/fact-sheet.js';
import { ApiError } from '../errors.js';

/** The charset parameter of a Content-Type, lower case; undefined when none is given. */
export function charsetOf(contentType: string): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1].toLowerCase();
}

/** A JSON path the way validation issues name fields: `sections[1].facts[0]`. */
const pathOf = (parts: Array<string | number>) =>
  parts.reduce<string>((path, part) => (typeof part === 'number' ? `${path}[${part}]` : path ? `${path}.${part}` : part), '') || '（整个请求体）';

/** The first string (key or value) in `value` for which `bad` holds, as a path; undefined when none. */
export function findString(value: unknown, bad: (text: string) => boolean, parts: Array<string | number> = []): string | undefined {
  if (typeof value === 'string') return bad(value) ? pathOf(parts) : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findString(value[i], bad, [...parts, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (bad(key)) return pathOf([...parts, key]);
      const found = findString(item, bad, [...parts, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** A lone surrogate: a high one not followed by a low one, or a low one without a high one before it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const hasLoneSurrogate = (text: string) => LONE_SURROGATE.test(text);

/** The text with each lone surrogate as U+FFFD (String.prototype.toWellFormed, which ES2022 lacks). */
export const wellFormed = (text: string) => text.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd');

/** A JSON escape of a surrogate (`\ud83d`): only then can parsed text hold a lone one. Escaped backslashes skipped. */
const SURROGATE_ESCAPE = /(?<!\\)(?:\\\\)*\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

const refused = (issue: FieldIssue, why: string) =>
  new ApiError(400, 'invalid_encoding', `请求内容有误：${issue.path}：${issue.message}${why}`, [issue]);

/**
 * The body as text, or a 400/415 ApiError. Well-formed JSON text passes after one decode and one regex test.
 * @example decodeJsonBody(bytes, 'application/json; charset=gb18030') // '{"org":"青河区教育局"}'
 */
export function decodeJsonBody(bytes: Uint8Array, contentType: string): string {
  const charset = charsetOf(contentType) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new ApiError(415, 'unsupported_charset', `不支持的字符集 charset=${charset.slice(0, 40)}：请用 UTF-8 发送（也接受 gb18030、GBK）`);
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    // Decoded again with replacements, to name the field holding them (a body that is not JSON names none).
    const loose = new TextDecoder(charset).decode(bytes);
    let path = '（整个请求体）';
    try {
      path = findString(JSON.parse(loose), (s) => s.includes('\ufffd')) ?? path;
    } catch {
      /* not JSON either: the whole body */
    }
    const label = decoder.encoding === 'utf-8' ? 'UTF-8' : decoder.encoding;
    throw refused(
      { path, message: `含有不是合法 ${label} 编码的字节` },
      decoder.encoding === 'utf-8' ? '。请以 UTF-8 发送；用 GB18030/GBK 编码的内容请在 Content-Type 中注明 charset=gb18030' : '',
    );
  }
  if (SURROGATE_ESCAPE.test(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return text; // not JSON: the validator answers invalid_json
    }
    const path = findString(parsed, hasLoneSurrogate);
    if (path) throw refused({ path, message: '含有不成对的代理字符（\\ud800–\\udfff，多半是截断的表情符号）' }, '，请删去后重试');
  }
  return text;
}
