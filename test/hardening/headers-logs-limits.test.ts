/** Headers on every response (nosniff, CSP on pages), one log line per request without data, and 413 on every body route. */
import { describe, expect, it } from 'vitest';
import { JSON_BODY_LIMIT } from '../../src/http/app.js';
import { IMPORT_UPLOAD_LIMIT } from '../../src/http/routes/imports/imports.routes.js';
import { json } from '../helpers/app.js';
import { KEY, hardenedApp, sessionWithDraft, toolDraft } from './hardened-app.js';

describe('headers', () => {
  it('sends X-Content-Type-Options: nosniff on answers, errors, streams, pages and empty answers', async () => {
    const { app } = await hardenedApp({ API_KEYS: KEY });
    const { sessionId, draftId } = await sessionWithDraft(app);
    const responses: Array<[string, Response]> = [
      ['200 json', await app.request('/api/report-types')],
      ['404', await app.request('/nowhere')],
      ['401', await app.request('/api/drafts', json({}))],
      ['400', await app.request('/api/sessions', json({ type: 7 }))],
      ['415', await app.request('/api/sessions', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } })],
      ['413', await app.request('/api/sessions', json({ type: 'x'.repeat(JSON_BODY_LIMIT) }))],
      ['page', await app.request('/')],
      ['docs', await app.request('/docs')],
      ['script', await app.request('/widget.js')],
      ['export', await app.request(`/api/drafts/${draftId}/export?format=html`)],
      ['sse', await app.request(`/api/sessions/${sessionId}/draft`, json({}, { accept: 'text/event-stream' }))],
    ];
    const etag = (await app.request('/widget.js')).headers.get('etag')!;
    responses.push(['304', await app.request('/widget.js', { headers: { 'if-none-match': etag } })]);
    responses.push(['204', await app.request(`/api/sessions/${sessionId}`, { method: 'DELETE' })]);
    for (const [name, response] of responses) {
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(response.headers.get('x-powered-by'), name).toBeNull();
      expect(response.headers.get('server'), name).toBeNull();
    }
    expect(responses.find(([n]) => n === 'sse')![1].headers.get('content-type')).toMatch(/event-stream/);
  });

  it('sets a Content-Security-Policy without inline script on every HTML page we serve', async () => {
    const { app } = await hardenedApp();
    const { draftId } = await sessionWithDraft(app);
    for (const path of ['/', '/?type=work-plan', '/docs', `/api/drafts/${draftId}/export?format=html`]) {
      const response = await app.request(path);
      expect(response.headers.get('content-type'), path).toMatch(/text\/html/);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/default-src '(none|self)'/);
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    }
  });
});

describe('request log', () => {
  it('writes one line per request with method, route pattern, status, ms and a 6-character id prefix; never facts, answers or keys', async () => {
    const { app, lines } = await hardenedApp({ API_KEYS: KEY });
    const secretAnswer = '我们是保密测试区教育局，写2025年的总结，发展党员4321名';
    const session = await (await app.request('/api/sessions', json({ type: 'annual-summary' }))).json();
    await app.request(`/api/sessions/${session.id}/messages`, json({ text: secretAnswer }));
    const draftId = await toolDraft(app);
    await app.request(`/api/drafts/${draftId}/export?format=txt&secret=abc`, { headers: { authorization: `Bearer ${KEY}` } });
    await app.request('/api/drafts', json({ org: '不该出现的单位' }, { authorization: 'Bearer wrong-secret-key' }));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({ method: 'POST', route: '/api/sessions', status: 201, ms: expect.any(Number) });
    expect(lines[1]).toEqual({ method: 'POST', route: '/api/sessions/:id/messages', status: 200, ms: expect.any(Number), id: `s:${session.id.slice(0, 6)}` });
    expect(lines[3]).toMatchObject({ method: 'GET', route: '/api/drafts/:id/export', status: 200, id: `d:${draftId.slice(0, 6)}` });
    expect(lines[4]).toMatchObject({ method: 'POST', route: '/api/drafts', status: 401 });
    const logged = JSON.stringify(lines);
    for (const secret of [secretAnswer, '4321', '保密', KEY, 'wrong-secret-key', '不该出现', 'secret=abc', session.id, draftId]) expect(logged).not.toContain(secret);
  });
});

describe('body limits', () => {
  it(`answers 413 with our error on every JSON route for a body over ${JSON_BODY_LIMIT / 1024} KiB`, async () => {
    const { app } = await hardenedApp();
    const { sessionId, draftId } = await sessionWithDraft(app);
    const big = JSON.stringify({ text: '字'.repeat(JSON_BODY_LIMIT / 3 + 10) });
    const routes: Array<[string, string]> = [
      ['POST', '/api/drafts'],
      ['POST', '/api/imports'],
      ['POST', '/api/sessions'],
      ['POST', `/api/sessions/${sessionId}/messages`],
      ['PUT', `/api/sessions/${sessionId}/outline`],
      ['POST', `/api/sessions/${sessionId}/draft`],
      ['PUT', `/api/drafts/${draftId}`],
      ['POST', `/api/drafts/${draftId}/sections/1/rewrite`],
    ];
    for (const [method, path] of routes) {
      const response = await app.request(path, { method, headers: { 'content-type': 'application/json' }, body: big });
      expect(response.status, `${method} ${path}`).toBe(413);
      expect((await response.json()).error.code).toBe('payload_too_large');
    }
  });

  it('counts a body sent without Content-Length (chunked) too', async () => {
    const { app } = await hardenedApp();
    const chunk = new TextEncoder().encode(`"${'a'.repeat(64 * 1024)}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await app.request('/api/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
  });

  it(`takes an upload up to ${IMPORT_UPLOAD_LIMIT / 1024 / 1024} MiB on /api/imports and answers 413 above`, async () => {
    const { app } = await hardenedApp();
    const upload = (bytes: number) => {
      const form = new FormData();
      form.append('file', new File([new Uint8Array(bytes).fill(0x41)], 'report.txt', { type: 'text/plain' }));
      return app.request('/api/imports', { method: 'POST', body: form });
    };
    expect((await upload(IMPORT_UPLOAD_LIMIT + 1024)).status).toBe(413);
    expect((await upload(400 * 1024)).status).toBeLessThan(500);
    expect((await upload(400 * 1024)).status).not.toBe(413);
  });
});
