/**
 * The app with the model composer, over HTTP: JSON and SSE drafts, headers sent before the model answers,
 * client disconnects stopping upstream requests (a real Node server on 127.0.0.1), section rewrites, and the
 * CLI's --stream. The model is a scripted OpenAI-compatible server on 127.0.0.1 reached by the real SDK.
 */
import { execFile } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { leafSpan } from '../../src/compose/piece-spans.js';
import { buildParts } from '../../src/parts.js';
import { parseConfig } from '../../src/config.js';
import type { FactSheet } from '../../src/domain/fact-sheet.js';
import { createTestApp, json, reportTypes } from '../helpers/app.js';
import { faithfulWriter, pieceOf, startFakeOpenAI, type FakeOpenAI, type Script } from '../helpers/fake-openai-server.js';

const facts: FactSheet = {
  type: 'annual-summary',
  org: '松溪区教育局',
  period: '2025年',
  sections: [
    { topic: '教师队伍建设', facts: ['招聘中小学教师118名', '组织全员培训3600人次'] },
    { topic: '办学条件改善', facts: ['改扩建学校6所，新增学位2400个'] },
  ],
  problems: ['农村学校专任教师结构性缺员'],
  nextSteps: ['推进城乡学校结对帮扶'],
};

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function fakeModel(script: Script): Promise<FakeOpenAI> {
  const server = await startFakeOpenAI(script);
  cleanups.push(() => server.close());
  return server;
}

const modelEnv = (server: FakeOpenAI) => ({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'fake-model', LLM_TIMEOUT_MS: '2000' });

async function modelApp(script: Script) {
  const server = await fakeModel(script);
  const config = parseConfig(modelEnv(server));
  const { app } = await createTestApp({ composer: buildParts(config, reportTypes).composer, env: modelEnv(server) });
  return { app, server };
}

/** A real Node server around the app, for what only a socket shows: header timing and disconnects. */
async function listen(app: { fetch: (request: Request) => Response | Promise<Response> }): Promise<string> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  cleanups.push(() => new Promise((resolve) => { server.close(resolve); (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(); }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function parseSse(body: string): Array<{ event: string; data: any }> {
  return body
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => ({
      event: block.match(/^event: (.*)$/m)?.[1] ?? 'message',
      data: JSON.parse(block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n')),
    }));
}

describe('drafting through the app with the model composer', () => {
  it('selects the model when OPENAI_API_KEY is set, with the configured base URL and model name', async () => {
    const { app, server } = await modelApp((r) => ({ text: faithfulWriter(r) }));
    const response = await app.request('/api/drafts', json(facts));
    expect(response.status).toBe(201);
    const view = await response.json();
    expect(view.composer).toBe('model');
    expect(view.markdown).toContain('本年度围绕既定任务，稳步推进相关工作。一是招聘中小学教师118名');
    expect(server.requests[0].body.model).toBe('fake-model');
    expect(server.requests[0].headers.authorization).toBe('Bearer sk-test');
    const stored = await (await app.request(`/api/drafts/${view.id}`)).json();
    expect(stored.markdown).toBe(view.markdown);
    expect(JSON.stringify(view)).not.toContain('sk-test');
  });

  it('streams server-sent events as the model writes, then done with the stored draft', async () => {
    const { app } = await modelApp((r) => ({ text: faithfulWriter(r), chunkChars: 4 }));
    const response = await app.request('/api/drafts', json(facts, { accept: 'text/event-stream' }));
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = parseSse(await response.text());
    expect(events[0].event).toBe('outline');
    const kinds = events.map((e) => e.event);
    expect(kinds.filter((k) => k === 'text').length).toBeGreaterThan(4);
    expect(kinds.at(-1)).toBe('done');
    const done = events.at(-1)!.data;
    expect(done.composer).toBe('model');
    const streamed = events.filter((e) => e.event === 'text' && e.data.key === 'section-1').map((e) => e.data.text).join('');
    expect(done.markdown).toContain(streamed.trim());
    expect((await app.request(`/api/drafts/${done.id}`)).status).toBe(200);
  });

  it('sends headers and the outline before the model has answered', async () => {
    const { app, server } = await modelApp((r) => ({ text: faithfulWriter(r), headersDelayMs: 600 }));
    const base = await listen(app);
    const response = await fetch(`${base}/api/drafts`, json(facts, { accept: 'text/event-stream' }));
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: outline');
    expect(server.requests.some((r) => r.finished)).toBe(false);
    await reader.cancel();
  });

  it.each([
    ['SSE', { accept: 'text/event-stream' }],
    ['JSON', {}],
  ])('stops upstream model requests when a %s client disconnects', async (_name, headers) => {
    const { app, server } = await modelApp((r) => ({ text: faithfulWriter(r).repeat(30), chunkChars: 2, delayMs: 40 }));
    const base = await listen(app);
    const abort = new AbortController();
    const pending = fetch(`${base}/api/drafts`, { ...json(facts, headers), signal: abort.signal }).then((r) => r.text()).catch(() => 'aborted');
    await vi.waitFor(() => expect(server.requests.length).toBeGreaterThan(0));
    abort.abort();
    expect(await pending).toBe('aborted');
    await vi.waitFor(() => expect(server.open()).toBe(0));
    expect(server.requests.some((r) => r.closedEarly)).toBe(true);
    expect(server.requests.some((r) => r.finished)).toBe(false);
  });
});

describe('rewriting one part', () => {
  const pieces = (markdown: string, outline: any) => [1, 2, 3, 4].map((n) => (leafSpan(markdown, outline, n) as { text: string }).text);

  it('offline: 更简洁 drops the lead sentence of part n only and keeps every figure', async () => {
    const { app } = await createTestApp();
    const draft = await (await app.request('/api/drafts', json(facts))).json();
    const response = await app.request(`/api/drafts/${draft.id}/sections/1/rewrite`, json({ instruction: '更简洁' }));
    expect(response.status).toBe(200);
    const view = await response.json();
    expect(view.version).toBe(2);
    expect(view.versions.at(-1).source).toBe('rewrite');
    const before = pieces(draft.markdown, draft.outline);
    const after = pieces(view.markdown, view.outline);
    expect(after[0].length).toBeLessThan(before[0].length);
    expect(before[0].endsWith(after[0])).toBe(true);
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(view.figures.missing).toEqual([]);
    expect(view.figures.invented).toEqual([]);
    expect(view.markdown.replace(before[0], after[0])).toBe(view.markdown);
    expect(draft.markdown.replace(before[0], after[0])).toBe(view.markdown);
  });

  it('offline: 更详细 restores a fact an edit dropped, without any new figure; other instructions need a model', async () => {
    const { app } = await createTestApp();
    const draft = await (await app.request('/api/drafts', json(facts))).json();
    const edited = draft.markdown.replace('；二是组织全员培训3600人次', '');
    expect(edited).not.toBe(draft.markdown);
    await app.request(`/api/drafts/${draft.id}`, { ...json({ markdown: edited }), method: 'PUT' });
    const view = await (await app.request(`/api/drafts/${draft.id}/sections/1/rewrite`, json({ instruction: '更详细' }))).json();
    expect(view.version).toBe(3);
    expect(view.markdown).toContain('组织全员培训3600人次');
    expect(view.figures.invented).toEqual([]);
    expect(pieces(view.markdown, view.outline).slice(1)).toEqual(pieces(edited, draft.outline).slice(1));

    const formal = await app.request(`/api/drafts/${draft.id}/sections/1/rewrite`, json({ instruction: '更正式' }));
    expect(formal.status).toBe(400);
    expect((await formal.json()).error.message).toMatch(/更简洁/);
    expect((await app.request(`/api/drafts/${draft.id}/sections/9/rewrite`, json({ instruction: '更简洁' }))).status).toBe(404);
    expect((await app.request(`/api/drafts/${draft.id}/sections/1/rewrite`, json({ instruction: '' }))).status).toBe(400);
  });

  it('with a model: sends the part, its facts and the instruction, and changes only that part', async () => {
    const { app, server } = await modelApp((r) =>
      pieceOf(r) === 'rewrite' ? { text: '严格按照规定程序，公开招聘中小学教师118名，组织全员培训3600人次。' } : { text: faithfulWriter(r) },
    );
    const draft = await (await app.request('/api/drafts', json(facts))).json();
    const response = await app.request(`/api/drafts/${draft.id}/sections/1/rewrite`, json({ instruction: '更正式' }));
    expect(response.status).toBe(200);
    const view = await response.json();
    const request = server.requests.find((r) => pieceOf(r) === 'rewrite')!;
    expect(request.user).toContain('更正式');
    expect(request.user).toContain('一是招聘中小学教师118名');
    expect(pieces(view.markdown, view.outline)[0]).toBe('严格按照规定程序，公开招聘中小学教师118名，组织全员培训3600人次。');
    expect(pieces(view.markdown, view.outline).slice(1)).toEqual(pieces(draft.markdown, draft.outline).slice(1));
  });

  it('with a model that keeps failing: 502 and the draft unchanged', async () => {
    const { app } = await modelApp((r) => (pieceOf(r) === 'rewrite' ? { status: 400 } : { text: faithfulWriter(r) }));
    const draft = await (await app.request('/api/drafts', json(facts))).json();
    const response = await app.request(`/api/drafts/${draft.id}/sections/2/rewrite`, json({ instruction: '更正式' }));
    expect(response.status).toBe(502);
    expect((await response.json()).error.code).toBe('model_unavailable');
    expect((await (await app.request(`/api/drafts/${draft.id}`)).json()).version).toBe(1);
  });
});

describe('CLI with a model configured', () => {
  it('draft --stream prints the model’s parts in reading order', async () => {
    const server = await fakeModel((r) => ({ text: faithfulWriter(r), chunkChars: 3, delayMs: 2 }));
    const dir = mkdtempSync(join(tmpdir(), 'llm-cli-'));
    const file = join(dir, 'facts.json');
    writeFileSync(file, JSON.stringify(facts));
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile('npx', ['tsx', 'src/cli.ts', 'draft', '--facts', file, '--stream'], { env: { ...process.env, ...modelEnv(server) } }, (error, out) =>
        error ? reject(error) : resolve(out),
      ),
    );
    const first = stdout.indexOf('一是招聘中小学教师118名');
    const second = stdout.indexOf('一是改扩建学校6所');
    expect(stdout.indexOf('现将有关情况总结如下')).toBeGreaterThan(-1);
    expect(stdout.indexOf('现将有关情况总结如下')).toBeLessThan(first);
    expect(first).toBeLessThan(second);
    expect(server.requests.length).toBe(6);
  });
});



