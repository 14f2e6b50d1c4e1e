/** JSON body text, pure: charset labels, field paths, and what is and is not a lone surrogate. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/http/errors.js';
import { charsetOf, decodeJsonBody, wellFormed } from '../../src/http/middleware/json-text.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('decodeJsonBody', () => {
  it('reads the charset parameter however it is written', () => {
    expect(charsetOf('application/json')).toBeUndefined();
    expect(charsetOf('application/json; charset=UTF-8')).toBe('utf-8');
    expect(charsetOf('application/json;charset="GB18030"')).toBe('gb18030');
  });

  it('takes an escaped backslash before "ud800" as text, and an escaped surrogate pair as one character', () => {
    expect(JSON.parse(decodeJsonBody(utf8('{"org":"C:\\\\ud800"}'), 'application/json')).org).toBe('C:\\ud800');
    expect(JSON.parse(decodeJsonBody(utf8('{"org":"\\ud83d\\ude00"}'), 'application/json')).org).toBe('😀');
  });

  it('names the field of a lone surrogate, in keys too', () => {
    expect(refusal(() => decodeJsonBody(utf8('{"a":[1,{"b":"\\udc00x"}]}'), 'application/json')).issues?.[0].path).toBe('a[1].b');
    expect(refusal(() => decodeJsonBody(utf8('{"k\\ud800":1}'), 'application/json')).issues?.[0].path).toBe('k\ud800');
  });

  it('names the field holding bytes that are not UTF-8, and the whole body when it is not JSON', () => {
    const bytes = new Uint8Array([...utf8('{"type":"work-plan","org":"'), 0xc7, 0xe0, ...utf8('"}')]);
    const error = refusal(() => decodeJsonBody(bytes, 'application/json'));
    expect([error.status, error.code, error.issues?.[0].path]).toEqual([400, 'invalid_encoding', 'org']);
    expect(refusal(() => decodeJsonBody(new Uint8Array([0xff, 0xfe]), 'application/json')).issues?.[0].path).toBe('（整个请求体）');
  });

  it('replaces lone surrogates for display (export file names)', () => {
    expect(wellFormed('青\ud800河😀')).toBe('青\ufffd河😀');
  });
});
