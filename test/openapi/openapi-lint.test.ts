/**
 * /openapi.json under a third party's linter: `redocly lint` with its recommended rules (security schemes,
 * operationIds, 4xx answers, servers, safe markdown…) finds no error and no warning; and the document says what
 * integrators rely on: 401/403/429 (with Retry-After) by kind of route, SSE as 200 text/event-stream with its events,
 * typed outline and facts, the report types as an enum, no 413/415 on routes without a body.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.js';

const work = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const { app } = await createTestApp();
const spec = await (await app.request('/openapi.json')).json();
const operations = Object.entries(spec.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ path, method, op })),
);

describe('OpenAPI document', () => {
  it('lints clean under redocly recommended rules: 0 errors, 0 warnings', { timeout: 60_000 }, () => {
    const file = join(work, 'openapi.json');
    writeFileSync(file, JSON.stringify(spec));
    let output: string;
    try {
      output = execFileSync(resolve('node_modules/.bin/redocly'), ['lint', file, '--format=json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    const report = JSON.parse(output.slice(output.indexOf('{')));
    const problems = report.problems.map((p: { ruleId: string; message: string; location: Array<{ pointer: string }> }) => `${p.ruleId}: ${p.message} (${p.location[0]?.pointer})`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('names every operation and gives each a security requirement', () => {
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(spec.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const { op, path } of operations) expect(Array.isArray(op.security), path).toBe(true);
    // Tool routes: a key, or none where API_KEYS is unset; the widget's: none.
    expect(spec.paths['/api/drafts'].post.security).toEqual([{ bearerAuth: [] }, {}]);
    expect(spec.paths['/api/sessions'].post.security).toEqual([]);
  });

  it('lists 401 where a key may be needed, 403 for foreign origins, and 429 with Retry-After on every API route', () => {
    for (const { path, op } of operations.filter(({ path }) => path.startsWith('/api/'))) {
      expect(op.responses['429']?.headers?.['Retry-After'], `${path} 429`).toBeDefined();
      if (!path.startsWith('/api/report-types')) expect(op.responses['403'], `${path} 403`).toBeDefined();
    }
    expect(spec.paths['/api/drafts'].post.responses['401']).toBeDefined();
    expect(spec.paths['/api/drafts/{id}'].get.responses['401']).toBeDefined();
    expect(spec.paths['/api/sessions/{id}/messages'].post.responses['401']).toBeUndefined();
  });

  it('lists 413 and 415 only where a body is sent', () => {
    for (const { path, method, op } of operations) {
      const hasBody = Boolean(op.requestBody);
      expect(Boolean(op.responses['413']), `${method} ${path} 413`).toBe(hasBody);
      expect(Boolean(op.responses['415']), `${method} ${path} 415`).toBe(hasBody);
    }
  });

  it('documents the event stream as 200 text/event-stream with its events, JSON as 201', () => {
    for (const path of ['/api/drafts', '/api/sessions/{id}/draft']) {
      const { responses } = spec.paths[path].post;
      expect(responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/Draft');
      expect(Object.keys(responses['200'].content)).toEqual(['text/event-stream']);
      expect(responses['200'].content['text/event-stream'].schema.items.$ref).toBe('#/components/schemas/DraftEvent');
    }
    const events = spec.components.schemas.DraftEvent.oneOf.map((e: any) => e.properties.event.const ?? e.properties.event.enum?.[0]);
    expect(events).toEqual(expect.arrayContaining(['outline', 'section-start', 'text', 'section-end', 'warning', 'done']));
  });

  it('types the draft: outline items, facts as the fact sheet, type as the loaded report types, sessionId never required', () => {
    const draft = spec.components.schemas.Draft;
    expect(draft.properties.outline.$ref).toBe('#/components/schemas/Outline');
    expect(spec.components.schemas.OutlineItem.properties.heading.type).toBe('string');
    expect(draft.properties.facts.$ref).toBe('#/components/schemas/FactSheet');
    // Only the answer to POST /api/sessions/{id}/draft carries it (its caller holds the session); GET never does.
    expect(draft.required).not.toContain('sessionId');
    const types = ['annual-summary', 'half-year-summary', 'key-points', 'safety-summary', 'work-plan'];
    expect([...spec.components.schemas.FactSheet.properties.type.enum].sort()).toEqual(types);
    expect([...draft.properties.type.enum].sort()).toEqual(types);
  });
});
