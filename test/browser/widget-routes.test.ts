/** GET /widget.js, GET / and CORS, over HTTP against the real app (no browser needed). */
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build-widget.js';

let createTestApp: typeof import('../helpers/app.js').createTestApp;
beforeAll(async () => {
  await build();
  ({ createTestApp } = await import('../helpers/app.js'));
});

describe('GET /widget.js', () => {
  it('serves one script under 35 KiB gzip, cacheable, with an ETag that answers 304', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const script = await res.text();
    expect(script).toContain('report-drafter');
    expect(script).not.toMatch(/\beval\(|new Function\(/);
    expect(gzipSync(script).length).toBeLessThanOrEqual(35 * 1024);
    const again = await app.request('/widget.js', { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('is sent gzipped to a browser that accepts it, with the same script inside', async () => {
    const { app } = await createTestApp();
    const plain = await (await app.request('/widget.js')).text();
    const res = await app.request('/widget.js', { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toContain('Accept-Encoding');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBeLessThan(plain.length / 2);
    expect(gunzipSync(bytes).toString('utf8')).toBe(plain);
  });

  it('has a URL naming its content, cached for a year, that the demo page loads', async () => {
    const { app } = await createTestApp();
    const html = await (await app.request('/')).text();
    const src = /<script src="(\/widget\/[\w-]+\.js)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const res = await app.request(src!);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe(await (await app.request('/widget.js')).text());
    // Another version's URL is not that script: it must not be cached for a year under that name.
    expect((await app.request('/widget/AAAAAAAAAAAAAAAA.js')).status).toBe(404);
  });
});

describe('GET /', () => {
  it('is a Chinese demo page under a strict CSP, with no inline script', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/?type=work-plan');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('<report-drafter type="work-plan" mode="inline">');
    expect(html).toMatch(/<option value="work-plan" selected>/);
    for (const tag of html.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/src="\/widget(\.js|\/[\w-]+\.js)"/);
    expect(html).not.toMatch(/<style|style="/);
  });

  it('ignores an unknown or hostile type', async () => {
    const { app } = await createTestApp();
    const html = await (await app.request('/?type=%22%3E%3Cscript%3Ealert(1)%3C/script%3E')).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('type="annual-summary"');
  });
});

describe('CORS', () => {
  const preflight = (origin: string) => ({
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });

  it('allows only ALLOWED_ORIGINS to call the API from a browser', async () => {
    const { app } = await createTestApp({ env: { ALLOWED_ORIGINS: 'https://intranet.example.cn' } });
    const allowed = await app.request('/api/sessions', preflight('https://intranet.example.cn'));
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://intranet.example.cn');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    // Another site's preflight is answered, so its request reaches the gate and gets a refusal it can read…
    const foreign = await app.request('/api/sessions', preflight('https://evil.example.com'));
    expect(foreign.headers.get('access-control-allow-origin')).toBe('https://evil.example.com');
    const refused = await app.request('/api/sessions', { method: 'POST', headers: { origin: 'https://evil.example.com', 'content-type': 'application/json' }, body: '{"type":"work-plan"}' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://evil.example.com');
    expect((await refused.json()).error.code).toBe('origin_not_allowed');
    // …and nothing else: an answer that is not a refusal stays unreadable to it.
    const types = await app.request('/api/report-types', { headers: { origin: 'https://evil.example.com' } });
    expect(types.status).toBe(200);
    expect(types.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends no CORS headers when ALLOWED_ORIGINS is unset (same origin only)', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/api/report-types', { headers: { origin: 'https://intranet.example.cn' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
