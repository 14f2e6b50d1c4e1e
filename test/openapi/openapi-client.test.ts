/**
 * A client generated from /openapi.json, as an integrator would make one: openapi-typescript writes the types,
 * tsc checks a program written against them (typed outline and facts, the report types as a union, SSE as 200),
 * and openapi-fetch calls a real Node server on 127.0.0.1 with it: draft, read back, stream, download, and a 401.
 */
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.js';
import { examples } from '../helpers/examples.js';

// Inside the project, so the program resolves openapi-fetch from node_modules.
const work = resolve('test-results/openapi-client');
const servers: Array<{ close(): void }> = [];
let baseUrl = '';

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const { app } = await createTestApp({ env: { API_KEYS: 'k-test-1' } });
  baseUrl = await new Promise<string>((done) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => done(`http://127.0.0.1:${info.port}`));
    servers.push(server);
  });
});
afterAll(() => servers.forEach((server) => server.close()));

const PROGRAM = `import createClient from 'openapi-fetch';
import type { paths, components } from './schema.js';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:1' });
export async function use(facts: components['schemas']['FactSheet']) {
  const created = await client.POST('/api/drafts', { body: facts });
  // Two successes: 201 the draft (JSON, the default), 200 the event stream (Accept: text/event-stream).
  if (created.data && !Array.isArray(created.data)) {
    const heading: string = created.data.outline.items[0].heading;
    const org: string = created.data.facts.org;
    const invented: string[] = created.data.figures.invented;
    void [heading, org, invented];
  }
  // @ts-expect-error: a report type that is not one of the five
  await client.POST('/api/drafts', { body: { ...facts, type: 'annual-report' } });
  const read = await client.GET('/api/drafts/{id}', { params: { path: { id: 'x' }, query: { version: 1 } } });
  if (read.error) {
    const message: string = read.error.error.message;
    void message;
  }
  type Streamed = paths['/api/drafts']['post']['responses'][200]['content']['text/event-stream'][number];
  const event: Streamed['event'] = 'section-start';
  // @ts-expect-error: not an event of the stream
  const wrong: Streamed['event'] = 'chunk';
  void [event, wrong];
}
`;

describe('a client generated with openapi-typescript + openapi-fetch', () => {
  it('type-checks a program written against the generated types', { timeout: 120_000 }, async () => {
    writeFileSync(join(work, 'openapi.json'), await (await fetch(`${baseUrl}/openapi.json`)).text());
    execFileSync(resolve('node_modules/.bin/openapi-typescript'), [join(work, 'openapi.json'), '-o', join(work, 'schema.d.ts')], { stdio: 'pipe' });
    expect(readFileSync(join(work, 'schema.d.ts'), 'utf8')).toContain('"annual-summary" | "half-year-summary"');
    writeFileSync(join(work, 'program.ts'), PROGRAM);
    const tsc = resolve('node_modules/.bin/tsc');
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', join(work, 'program.ts')];
    let output = '';
    try {
      execFileSync(tsc, args, { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toBe('');
  });

  it('drafts, reads back, streams and downloads through openapi-fetch against a real server', async () => {
    // Untyped here (the types are generated at run time above); the calls are the same.
    const client = createClient<any>({ baseUrl, headers: { Authorization: 'Bearer k-test-1' } });
    const facts = examples.find((e) => e.name === 'work-plan')!.facts;

    const created = await client.POST('/api/drafts', { body: facts });
    expect(created.response.status).toBe(201);
    expect(created.data.markdown).toContain(facts.org);
    expect(created.data.sessionId).toBeUndefined();

    const read = await client.GET('/api/drafts/{id}', { params: { path: { id: created.data.id } } });
    expect(read.data.outline.items.length).toBeGreaterThan(0);

    const streamed = await client.POST('/api/drafts', { body: facts, headers: { Accept: 'text/event-stream' }, parseAs: 'text' });
    expect(streamed.response.status).toBe(200);
    expect(streamed.response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events = [...String(streamed.data).matchAll(/^event: (.+)$/gm)].map((m) => m[1]);
    expect(events[0]).toBe('outline');
    expect(events).toEqual(expect.arrayContaining(['section-start', 'text', 'section-end']));
    expect(events.at(-1)).toBe('done');

    const docx = await client.GET('/api/drafts/{id}/export', { params: { path: { id: created.data.id }, query: { format: 'docx' } }, parseAs: 'arrayBuffer' });
    expect(docx.response.status).toBe(200);
    expect(new Uint8Array(docx.data as ArrayBuffer).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b])); // a zip

    const anonymous = createClient<any>({ baseUrl });
    const refused = await anonymous.POST('/api/drafts', { body: facts });
    expect(refused.response.status).toBe(401);
    expect(refused.error.error.message).toContain('API 密钥');
  });
});
