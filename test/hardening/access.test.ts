/**
 * Who may call what: keys on tool routes (and on drafts made without a session), the session id as the
 * widget's capability, origins for browsers, rate limits per client and per key, and who counts as a client.
 */
import { describe, expect, it } from 'vitest';
import { clientBucket } from '../../src/http/middleware/client-address.js';
import { json } from '../helpers/app.js';
import { KEY, hardenedApp, sessionWithDraft, toolDraft } from './hardened-app.js';

const CHINESE = /[\u4e00-\u9fff]/;
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const body = await response.json();
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(CHINESE);
  return body;
}

describe('API keys (API_KEYS set)', () => {
  it('refuses POST /api/drafts and POST /api/imports without a key or with a wrong one, and lets the right key in', async () => {
    const { app } = await hardenedApp({ API_KEYS: `other-key,${KEY}` });
    const facts = { type: 'annual-summary', org: '青河区教育局', period: '2025年', sections: [{ topic: '党建', facts: ['发展党员23名'] }] };
    const none = await app.request('/api/drafts', json(facts));
    await expectError(none, 401, 'unauthorized');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await expectError(await app.request('/api/drafts', json(facts, bearer('wrong-key'))), 401, 'unauthorized');
    await expectError(await app.request('/api/drafts', json(facts, { authorization: KEY })), 401, 'unauthorized');
    expect((await app.request('/api/drafts', json(facts, bearer(KEY)))).status).toBe(201);
    expect((await app.request('/api/drafts', json(facts, bearer('other-key')))).status).toBe(201);
    await expectError(await app.request('/api/imports', json({ text: '某区教育局2025年工作总结' })), 401, 'unauthorized');
    expect((await app.request('/api/imports', json({ text: '某区教育局2025年工作总结\n一、党建\n发展党员12名。' }, bearer(KEY)))).status).toBe(200);
  });

  it('guards read, edit, export and rewrite of a draft made by a tool; the key opens them', async () => {
    const { app } = await hardenedApp({ API_KEYS: KEY });
    const id = await toolDraft(app);
    const calls: Array<[string, RequestInit]> = [
      [`/api/drafts/${id}`, {}],
      [`/api/drafts/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ markdown: '# 标题\n\n正文。\n' }) }],
      [`/api/drafts/${id}/export?format=md`, {}],
      [`/api/drafts/${id}/sections/1/rewrite`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ instruction: '更详细' }) }],
    ];
    for (const [path, init] of calls) await expectError(await app.request(path, init), 401, 'unauthorized');
    const read = await app.request(`/api/drafts/${id}`, { headers: bearer(KEY) });
    expect(read.status).toBe(200);
    expect((await read.json()).id).toBe(id);
    expect((await app.request(`/api/drafts/${id}/export?format=txt`, { headers: bearer(KEY) })).status).toBe(200);
  });

  it('lets a session and the drafts made from it through by their ids alone: the widget holds no secret', async () => {
    const { app } = await hardenedApp({ API_KEYS: KEY });
    const { sessionId, draftId } = await sessionWithDraft(app);
    expect((await app.request(`/api/sessions/${sessionId}`)).status).toBe(200);
    const read = await app.request(`/api/drafts/${draftId}`);
    expect(read.status).toBe(200);
    expect((await read.json()).sessionId).toBeUndefined(); // the draft's id alone does not hand over the session
    expect((await app.request(`/api/drafts/${draftId}/export?format=html`)).status).toBe(200);
    const put = await app.request(`/api/drafts/${draftId}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ markdown: '# 标题\n\n改过的正文。\n' }) });
    expect(put.status).toBe(200);
    // A made-up id is simply not there, key or no key.
    await expectError(await app.request('/api/drafts/AAAAAAAAAAAAAAAAAAAAAA'), 404, 'not_found');
  });

  it('offers no way to list sessions or drafts', async () => {
    const { app } = await hardenedApp({ API_KEYS: KEY });
    await sessionWithDraft(app);
    for (const headers of [{}, bearer(KEY)]) expect((await app.request('/api/sessions', { headers })).status).toBe(404);
    expect((await app.request('/api/drafts', { headers: bearer(KEY) })).status).toBe(404);
    expect((await app.request('/api/drafts')).status).toBe(401); // a tool path: the key is asked before anything else
  });

  it('leaves everything open when API_KEYS is unset (local use)', async () => {
    const { app } = await hardenedApp();
    const id = await toolDraft(app, 'anything');
    expect((await app.request(`/api/drafts/${id}`)).status).toBe(200);
  });
});

describe('origins', () => {
  it('refuses a browser on another site (403), allows ALLOWED_ORIGINS, the same host and non-browser callers', async () => {
    const { app } = await hardenedApp({ ALLOWED_ORIGINS: 'https://intranet.example.cn' });
    const start = (origin?: string) => app.request('/api/sessions', json({ type: 'annual-summary' }, origin === undefined ? {} : { origin }));
    await expectError(await start('https://evil.example'), 403, 'origin_not_allowed');
    await expectError(await start('null'), 403, 'origin_not_allowed');
    await expectError(await start('https://intranet.example.cn.evil.example'), 403, 'origin_not_allowed');
    expect((await start('https://intranet.example.cn')).status).toBe(201);
    expect((await start('http://localhost')).status).toBe(201); // app.request's own host
    expect((await start()).status).toBe(201);
  });

  it('refuses a foreign browser on a session draft and on every session route', async () => {
    const { app } = await hardenedApp();
    const { sessionId, draftId } = await sessionWithDraft(app);
    const evil = { origin: 'https://evil.example' };
    await expectError(await app.request(`/api/drafts/${draftId}`, { headers: evil }), 403, 'origin_not_allowed');
    await expectError(await app.request(`/api/sessions/${sessionId}`, { headers: evil }), 403, 'origin_not_allowed');
    await expectError(await app.request(`/api/sessions/${sessionId}/messages`, json({ text: '跳过' }, evil)), 403, 'origin_not_allowed');
    await expectError(await app.request(`/api/sessions/${sessionId}`, { method: 'DELETE', headers: evil }), 403, 'origin_not_allowed');
    // Report types stay readable by anyone: they hold nothing private.
    expect((await app.request('/api/report-types', { headers: evil })).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once a client used its minute, per client, and lets it in again later', async () => {
    const { app, clock } = await hardenedApp({ RATE_LIMIT_PER_MINUTE: '3' });
    const from = (ip: string) => app.request('/api/sessions', json({ type: 'annual-summary' }, { 'cf-connecting-ip': ip }));
    for (let i = 0; i < 3; i++) expect((await from('198.51.100.7')).status).toBe(201);
    const limited = await from('198.51.100.7');
    await expectError(limited, 429, 'rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await from('198.51.100.8')).status).toBe(201);
    clock.now = new Date(clock.now.getTime() + retryAfter * 1000);
    expect((await from('198.51.100.7')).status).toBe(201);
  });

  it('limits a key by its own, separate limit', async () => {
    const { app } = await hardenedApp({ API_KEYS: KEY, KEY_RATE_LIMIT_PER_MINUTE: '2', RATE_LIMIT_PER_MINUTE: '100' });
    const id = await toolDraft(app);
    const read = (headers: Record<string, string>) => app.request(`/api/drafts/${id}`, { headers: { 'cf-connecting-ip': '198.51.100.9', ...headers } });
    expect((await read(bearer(KEY))).status).toBe(200);
    await expectError(await read(bearer(KEY)), 429, 'rate_limited');
    // The same address without the key counts on its own (and is then refused for want of a key).
    await expectError(await read({}), 401, 'unauthorized');
  });

  it('counts a Node client by its socket address and ignores X-Forwarded-For unless told to trust a header', async () => {
    const socket = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
    const { app } = await hardenedApp({ RATE_LIMIT_PER_MINUTE: '2' });
    const call = (xff: string) => app.request('/api/report-types', { headers: { 'x-forwarded-for': xff, 'cf-connecting-ip': xff } }, socket('192.0.2.10'));
    expect((await call('203.0.113.1')).status).toBe(200);
    expect((await call('203.0.113.2')).status).toBe(200);
    expect((await call('203.0.113.3')).status).toBe(429);

    const proxied = await hardenedApp({ RATE_LIMIT_PER_MINUTE: '1', CLIENT_IP_HEADER: 'X-Real-IP' });
    const viaProxy = (ip: string) => proxied.app.request('/api/report-types', { headers: { 'x-real-ip': ip } }, socket('127.0.0.1'));
    expect((await viaProxy('203.0.113.1')).status).toBe(200);
    expect((await viaProxy('203.0.113.2')).status).toBe(200);
    expect((await viaProxy('203.0.113.1')).status).toBe(429);
  });

  it('counts an IPv6 client by its /64, and an IPv4-mapped address as the IPv4 address', () => {
    expect(clientBucket('2001:db8:1:2:aaaa::1')).toBe(clientBucket('2001:0db8:0001:0002:ffff:1:2:3'));
    expect(clientBucket('2001:db8:1:2::5')).not.toBe(clientBucket('2001:db8:1:3::5'));
    expect(clientBucket('::1')).toBe('0:0:0:0::/64');
    expect(clientBucket('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(clientBucket('192.0.2.1')).toBe('192.0.2.1');
  });
});
