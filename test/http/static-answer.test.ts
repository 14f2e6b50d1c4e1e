/** Which clients get gzip: Accept-Encoding tokens and q-values as RFC 9110 reads them. */
import { describe, expect, it } from 'vitest';
import { acceptsGzip } from '../../src/http/static-answer.js';

describe('Accept-Encoding', () => {
  it.each([
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['*', true],
    ['identity', false],
    ['gzip;q=0', false],
    ['br', false],
    ['', false],
  ])('%s → gzip %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
