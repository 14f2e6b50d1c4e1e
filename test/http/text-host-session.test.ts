/**
 * Over loopback, on the real Node server stack (@hono/node-server): JSON text decoded by its charset (a real GB18030
 * body, encoded by iconv), invalid bytes and lone surrogates refused naming the field, exports safe for any stored
 * text, the Host check against DNS rebinding, and a draft's id not handing over its session.
 */
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { serve } from '@hono/node-server';
import { Memory } from 'lowdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineComposer } from '../../src/compose/offline-composer.js';
import { parseConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { hasLoneSurrogate } from '../../src/http/middleware/json-text.js';
import { createLowStore, type DbShape, type Store } from '../../src/store/store.js';
import { reportTypes } from '../helpers/app.js';
import { examples } from '../helpers/examples.js';

/** GB18030 bytes of a text, by the system's iconv (what a Chinese Windows tool would send). */
const gb18030 = (text: string): Buffer => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text });

let origin: string;
let port: number;
let store: Store;
let close: () => void;

beforeAll(async () => {
  store = await createLowStore(new Memory<DbShape>());
  const config = parseConfig({ ALLOWED_HOSTS: 'gongwen.example.cn,.intranet.example', PUBLIC_ORIGIN: 'https://drafter.example.edu.cn', RATE_LIMIT_PER_MINUTE: '100000' });
  const app = createApp({ store, reportTypes, composer: offlineComposer, config, serverHost: '127.0.0.1' });
  await new Promise<void>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      port = info.port;
      origin = `http://127.0.0.1:${port}`;
      close = () => server.close();
      resolve();
    });
  });
});
afterAll(() => close());

/** A raw request (node:http lets the Host header be anything, as a rebinding browser's would be). */
function send(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<{ status: number; headers: Record<string, unknown>; text: string; json: () => any }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
const postJson = (path: string, body: Buffer | string, type = 'application/json', extra: Record<string, string> = {}) =>
  send('POST', path, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), ...extra }, body);

const plan = examples.find((e) => e.name === 'work-plan')!.facts;

describe('JSON text by its charset', () => {
  it('stores the real characters of a GB18030 body labelled charset=gb18030', async () => {
    const facts = { ...plan, org: '青河区教育局', sections: [{ topic: '校舍安全', facts: ['排查校舍隐患37处，整改率100%'] }] };
    const bytes = gb18030(JSON.stringify(facts));
    expect(bytes.includes(Buffer.from('青河区', 'utf8'))).toBe(false); // really not UTF-8 on the wire
    const created = await postJson('/api/drafts', bytes, 'application/json; charset=gb18030');
    expect(created.status).toBe(201);
    const stored = await (await fetch(`${origin}/api/drafts/${created.json().id}`)).json();
    expect(stored.facts.org).toBe('青河区教育局');
    expect(stored.facts.sections[0].facts).toEqual(['排查校舍隐患37处，整改率100%']);
    expect(stored.markdown).toContain('37处');
  });

  it('refuses GB18030 bytes sent as UTF-8 (no charset), naming the field, instead of storing U+FFFD', async () => {
    const bytes = gb18030(JSON.stringify({ ...plan, org: '青河区教育局' }));
    const refused = await postJson('/api/drafts', bytes);
    expect(refused.status).toBe(400);
    const { error } = refused.json();
    expect(error.code).toBe('invalid_encoding');
    expect(error.issues[0].path).toBe('org');
    expect(error.message).toMatch(/org.*UTF-8.*charset=gb18030/);
  });

  it('refuses a lone surrogate (a truncated emoji) naming the field, and takes a whole emoji', async () => {
    const lone = await postJson('/api/sessions', '{"type":"annual-summary","note":"x"}'.replace('"note":"x"', '"org":"青河区\\ud800教育局"'));
    expect(lone.status).toBe(400);
    expect(lone.json().error.issues[0].path).toBe('org');
    const deep = JSON.stringify({ ...plan, sections: [plan.sections[0], { topic: '德育', facts: ['好', '坏\udc00'] }] });
    const refused = await postJson('/api/drafts', deep);
    expect(refused.status).toBe(400);
    expect(refused.json().error.issues[0].path).toBe('sections[1].facts[1]');
    expect(refused.json().error.message).toMatch(/不成对的代理字符/);
    // An escaped pair (as Python's json.dumps writes an emoji) is one character, and fine.
    const whole = await postJson('/api/drafts', JSON.stringify({ ...plan, org: '青河区教育局😀' }).replace('😀', '\\ud83d\\ude00'));
    expect(whole.status).toBe(201);
    expect(whole.json().facts.org).toBe('青河区教育局😀');
  });

  it('answers 415 for a charset it cannot decode', async () => {
    const refused = await postJson('/api/sessions', '{"type":"annual-summary"}', 'application/json; charset=x-klingon');
    expect(refused.status).toBe(415);
    expect(refused.json().error.code).toBe('unsupported_charset');
  });
});

describe('exports of any stored text', () => {
  it('answers every format for a draft whose title holds a lone surrogate or an emoji at the cut', async () => {
    const created = (await (await fetch(`${origin}/api/drafts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan) })).json()) as { id: string };
    for (const title of ['青河区\ud800教育局工作计划', `${'计'.repeat(59)}😀尾`]) {
      // Stored text from before the check (or any other way in): written to the store directly.
      const record = (await store.getDraft(created.id))!;
      record.outline = { ...record.outline, title };
      await store.saveDraft(record);
      for (const format of ['md', 'txt', 'html', 'docx']) {
        const response = await fetch(`${origin}/api/drafts/${created.id}/export?format=${format}`);
        expect(response.status, `${format} ${title.slice(0, 4)}`).toBe(200);
        const disposition = response.headers.get('content-disposition')!;
        const name = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]);
        expect(name.endsWith(`.${format}`)).toBe(true);
        expect(hasLoneSurrogate(name)).toBe(false);
        await response.arrayBuffer();
      }
    }
  });
});

describe('Host check (DNS rebinding)', () => {
  it('refuses a name the server does not answer to, even from its own "same origin" page', async () => {
    for (const host of ['rebind.evil.example', 'rebind.evil.example:8787', 'gongwen.example.cn.evil.example', 'intranet.example.evil']) {
      const refused = await postJson('/api/sessions', '{"type":"annual-summary"}', 'application/json', { host, origin: `http://${host}` });
      expect(refused.status, host).toBe(403);
      expect(refused.json().error.code).toBe('host_not_allowed');
      expect(refused.json().error.message).toMatch(/ALLOWED_HOSTS/);
    }
    expect((await send('GET', '/', { host: 'rebind.evil.example' })).status).toBe(403);
  });

  it('answers loopback names, IP addresses, ALLOWED_HOSTS (and subdomains of a dotted entry) and PUBLIC_ORIGIN', async () => {
    const hosts = [`127.0.0.1:${port}`, `localhost:${port}`, 'app.localhost', '[::1]:8787', '10.1.2.3', 'gongwen.example.cn', 'GongWen.Example.CN:443', 'intranet.example', 'oa.intranet.example', 'drafter.example.edu.cn'];
    for (const host of hosts) {
      const response = await postJson('/api/sessions', '{"type":"annual-summary"}', 'application/json', { host });
      expect(response.status, host).toBe(201);
    }
  });

  it('keeps tools working: no Origin, dialling the address', async () => {
    const response = await fetch(`${origin}/api/drafts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan) });
    expect(response.status).toBe(201);
  });
});

describe('a draft link does not hand over its session', () => {
  it('GET /api/drafts/:id has no sessionId; the session\'s own draft answer still does', async () => {
    const session = await (await postJson('/api/sessions', '{"type":"annual-summary"}')).json();
    await postJson(`/api/sessions/${session.id}/messages`, JSON.stringify({ text: '我们是青河区教育局，写2025年的总结' }));
    await postJson(`/api/sessions/${session.id}/messages`, JSON.stringify({ text: '完成' }));
    const drafted = await postJson(`/api/sessions/${session.id}/draft`, '{}');
    expect(drafted.status).toBe(201);
    expect(drafted.json().sessionId).toBe(session.id);
    const id = drafted.json().id;
    for (const response of [await send('GET', `/api/drafts/${id}`, {}), await send('GET', `/api/drafts/${id}?version=1`, {})]) {
      expect(response.status).toBe(200);
      expect(response.json().id).toBe(id);
      expect(response.text).not.toContain(session.id);
    }
    const edited = await send('PUT', `/api/drafts/${id}`, { 'content-type': 'application/json' }, JSON.stringify({ markdown: '# 标题\n\n改过的正文。\n' }));
    expect(edited.status).toBe(200);
    expect(edited.text).not.toContain(session.id);
  });
});
