/**
 * The headers the app adds around every /api answer (CORS for ALLOWED_ORIGINS, nosniff, Retry-After readable by a
 * page) and the body gate (415, 413 by declared length), in-process and through @hono/node-server on 127.0.0.1,
 * whose direct read and write paths these middleware take care to keep.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json } from '../helpers/app.js';
import { examples } from '../helpers/examples.js';

const ORIGIN = 'https://intranet.example.cn';
const facts = examples.find((e) => e.name === 'work-plan')!.facts;

type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;
const servers: Array<{ close(): void }> = [];

/** The app behind a real Node server on 127.0.0.1, as `npm start` serves it. */
async function overLoopback(env: Record<string, string>): Promise<Fetcher> {
  const { app } = await createTestApp({ env });
  const base = await new Promise<string>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(`http://127.0.0.1:${info.port}`));
    servers.push(server);
  });
  return (path, init) => fetch(`${base}${path}`, init);
}

afterAll(() => servers.forEach((server) => server.close()));

const runtimes: Array<[string, (env: Record<string, string>) => Promise<Fetcher>]> = [
  ['in-process', async (env) => {
    const { app } = await createTestApp({ env });
    return async (path, init) => app.request(path, init);
  }],
  ['over loopback', overLoopback],
];

describe.each(runtimes)('answer headers (%s)', (_name, make) => {
  let call: Fetcher;
  beforeAll(async () => {
    call = await make({ ALLOWED_ORIGINS: ORIGIN });
  });

  it('a draft for an allowed origin carries CORS, Vary and nosniff, with the whole draft as JSON', async () => {
    const response = await call('/api/drafts', json(facts, { origin: ORIGIN }));
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toBe('Content-Disposition,Retry-After');
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const draft = await response.json();
    expect(draft.markdown.startsWith(`# ${facts.org}`)).toBe(true);
    for (const fact of facts.sections.flatMap((s) => s.facts)) expect(draft.markdown).toContain(fact.replace(/。$/, ''));
  });

  it('the refusal of an origin not listed carries the same headers, readable by that page (its own Allow-Origin)', async () => {
    const response = await call('/api/drafts', json({ ...facts, org: undefined }, { origin: 'https://other.example.com' }));
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('origin_not_allowed');
    expect(response.headers.get('access-control-allow-origin')).toBe('https://other.example.com');
    expect(response.headers.get('access-control-expose-headers')).toBe('Content-Disposition,Retry-After');
    expect(response.headers.get('vary')).toBe('Origin');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('a preflight from an allowed origin is answered 204 with methods, headers and max-age', async () => {
    const response = await call('/api/drafts', {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,DELETE');
    expect(response.headers.get('access-control-allow-headers')).toBe('Content-Type,Accept,Authorization');
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('vary')).toBe('Origin, Access-Control-Request-Headers');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a body that is not JSON (415) and one over 256 KiB (413), as JSON errors', async () => {
    const text = await call('/api/drafts', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(facts) });
    expect(text.status).toBe(415);
    expect((await text.json()).error.code).toBe('unsupported_media_type');
    const big = await call('/api/drafts', json({ ...facts, theme: 'x'.repeat(300 * 1024) }));
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('payload_too_large');
    expect(big.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('rate limit answer over loopback', () => {
  it('says when to retry in a header a page on an allowed origin may read', async () => {
    const call = await overLoopback({ ALLOWED_ORIGINS: ORIGIN, RATE_LIMIT_PER_MINUTE: '1' });
    expect((await call('/api/report-types', { headers: { origin: ORIGIN } })).status).toBe(200);
    const refused = await call('/api/report-types', { headers: { origin: ORIGIN } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(refused.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
