/// <reference types="vite/client" />
/**
 * The draft API on any runtime: every example drafted, read back, edited, exported and streamed; the report
 * types, schemas and OpenAPI; and bad input answered with a clear 4xx JSON error naming the field.
 */
import { describe, expect, it } from 'vitest';
import { factStrings, type FactSheet } from '../../../src/domain/fact-sheet.js';
import { findFigures, normaliseFigure, withoutListNumbering } from '../../../src/domain/figures.js';
import { postJson, putJson, readEvents, type Fetcher } from './harness.js';

const exampleModules = import.meta.glob<FactSheet>('../../../data/examples/*.json', { eager: true, import: 'default' });
const examples = Object.entries(exampleModules)
  .map(([path, facts]) => ({ name: path.replace(/^.*\/|\.json$/g, ''), facts }))
  .sort((a, b) => a.name.localeCompare(b.name));

const ID = /^[A-Za-z0-9_-]{22}$/;
const CHINESE = /[\u4e00-\u9fff]/;
const BROKEN = /undefined|\[object Object\]|\bnull\b|NaN/;

/** Figures compared as the guard's contract states them: full-width and thousands separators folded. */
const figureSet = (texts: string[]) => new Set(texts.flatMap((t) => findFigures(t)).map(normaliseFigure));

async function expectError(response: Response, status: number, field?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type') ?? '').toMatch(/application\/json/);
  const body = await response.json();
  expect(body.error.code).toEqual(expect.any(String));
  expect(body.error.message).toMatch(CHINESE);
  if (field) {
    expect(body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(body.error.message).toContain(field);
  }
  return body.error;
}

export function draftsSuite(fetcher: Fetcher) {
  describe('drafts API', () => {
    it('has an example for every report type', async () => {
      const response = await fetcher('/api/report-types');
      expect(response.status).toBe(200);
      const { types } = await response.json();
      const ids = types.map((t: { id: string }) => t.id);
      expect(ids.length).toBeGreaterThan(0);
      expect(examples.map((e) => e.facts.type).sort()).toEqual([...ids].sort());
      for (const type of types) {
        expect(type.name).toMatch(CHINESE);
        expect(type.parts.length).toBeGreaterThan(0);
        expect(type.questions.length).toBeGreaterThan(0);
      }
    });

    it.each(examples)('publishes the JSON Schema of $name', async ({ facts }) => {
      const response = await fetcher(`/api/report-types/${facts.type}/schema`);
      expect(response.status).toBe(200);
      const schema = await response.json();
      expect(schema.required).toEqual(expect.arrayContaining(['org', 'period', 'sections']));
      expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['org', 'period', 'sections', 'type']));
    });

    it('answers 404 JSON for the schema of an unknown type', async () => {
      await expectError(await fetcher('/api/report-types/no-such-type/schema'), 404);
    });

    it('describes the draft routes in /openapi.json', async () => {
      const response = await fetcher('/openapi.json');
      expect(response.status).toBe(200);
      const doc = await response.json();
      expect(doc.openapi).toMatch(/^3\.1/);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/drafts', '/api/drafts/{id}', '/api/drafts/{id}/export', '/api/report-types', '/api/report-types/{type}/schema']),
      );
      expect(Object.keys(doc.paths['/api/drafts/{id}'])).toEqual(expect.arrayContaining(['get', 'put']));
    });

    describe.each(examples)('example $name', ({ facts }) => {
      it('drafts with every given figure kept and none invented, then reads it back in another request', async () => {
        const response = await postJson(fetcher, '/api/drafts', facts);
        expect(response.status).toBe(201);
        const draft = await response.json();
        expect(draft.id).toMatch(ID);
        for (const key of ['markdown', 'html', 'text'] as const) {
          expect(draft[key]).toEqual(expect.any(String));
          expect(draft[key]).not.toMatch(BROKEN);
        }
        expect(draft.outline.items.length).toBeGreaterThan(0);
        expect(draft.figures.invented).toEqual([]);
        expect(draft.figures.missing).toEqual([]);

        // Checked here from the facts and the text, not from the guard's own report.
        const given = figureSet(factStrings(facts));
        const written = figureSet([withoutListNumbering(draft.markdown)]);
        expect([...given].filter((f) => !written.has(f))).toEqual([]);
        expect([...written].filter((f) => !given.has(f))).toEqual([]);

        expect(draft.markdown).toMatch(/^# .+/);
        expect(draft.markdown).toContain(facts.org);
        expect(draft.markdown).toMatch(/\n## 一、/);
        for (const section of facts.sections) expect(draft.markdown).toContain(section.topic);
        expect(draft.html).toMatch(/<h1[^>]*>/);
        expect(draft.text).not.toMatch(/^#/m);

        const again = await fetcher(`/api/drafts/${draft.id}`);
        expect(again.status).toBe(200);
        const stored = await again.json();
        expect(stored.markdown).toBe(draft.markdown);
        expect(stored.version).toBe(1);
        expect(stored.facts).toEqual(draft.facts);
      });
    });

    it('keeps every version when a draft is edited, and exports md, txt and html', async () => {
      const [example] = examples;
      const created = await (await postJson(fetcher, '/api/drafts', example.facts)).json();
      const edited = created.markdown.replace(/\n\n/, '\n\n经修改补充的一段说明。\n\n');

      const put = await putJson(fetcher, `/api/drafts/${created.id}`, { markdown: edited });
      expect(put.status).toBe(200);
      const saved = await put.json();
      expect(saved.version).toBe(2);
      expect(saved.versions.map((v: { version: number; source: string }) => [v.version, v.source])).toEqual([
        [1, 'compose'],
        [2, 'edit'],
      ]);

      const latest = await (await fetcher(`/api/drafts/${created.id}`)).json();
      expect(latest.markdown).toContain('经修改补充的一段说明。');
      const first = await (await fetcher(`/api/drafts/${created.id}?version=1`)).json();
      expect(first.markdown).toBe(created.markdown);
      await expectError(await fetcher(`/api/drafts/${created.id}?version=9`), 404);

      const md = await fetcher(`/api/drafts/${created.id}/export?format=md`);
      expect(md.status).toBe(200);
      expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
      expect(decodeURIComponent(md.headers.get('content-disposition') ?? '')).toContain(`${created.outline.title}.md`);
      expect(await md.text()).toBe(latest.markdown);

      const txt = await fetcher(`/api/drafts/${created.id}/export?format=txt&version=1`);
      expect(txt.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await txt.text();
      expect(text).toContain(created.outline.title);
      expect(text).not.toContain('经修改补充的一段说明。');
      expect(text).not.toMatch(/^#/m);

      const html = await fetcher(`/api/drafts/${created.id}/export?format=html`);
      expect(html.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await html.text();
      expect(page).toMatch(/^<!doctype html>/i);
      expect(page).toContain('经修改补充的一段说明。');
    });

    it('streams a draft as server-sent events ending in done with the stored id', async () => {
      const [example] = examples;
      const response = await postJson(fetcher, '/api/drafts', example.facts, { accept: 'text/event-stream' });
      // The stream starts before the draft is stored, so its status is a success (200), not the JSON route's 201.
      expect(response.ok).toBe(true);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const events = await readEvents(response);
      const names = events.map((e) => e.event);
      expect(names[0]).toBe('outline');
      expect(names.at(-1)).toBe('done');
      expect(names).not.toContain('error');
      for (const name of ['section-start', 'text', 'section-end']) expect(names).toContain(name);
      expect(names.indexOf('section-start')).toBeLessThan(names.indexOf('text'));
      expect(names.lastIndexOf('section-end')).toBeLessThan(names.indexOf('done'));

      const done = events.at(-1)!.data;
      expect(done.id).toMatch(ID);
      expect(done.figures.invented).toEqual([]);
      const streamedText = events.filter((e) => e.event === 'text').map((e) => e.data.text).join('');
      expect(streamedText.length).toBeGreaterThan(0);
      const stored = await (await fetcher(`/api/drafts/${done.id}`)).json();
      expect(stored.markdown).toBe(done.markdown);
    });

    describe('bad input', () => {
      const base = () => structuredClone(examples[0].facts) as Record<string, unknown>;

      it('missing org names org', async () => {
        const facts = base();
        delete facts.org;
        await expectError(await postJson(fetcher, '/api/drafts', facts), 400, 'org');
      });

      it('an unknown type names type', async () => {
        await expectError(await postJson(fetcher, '/api/drafts', { ...base(), type: 'no-such-type' }), 400, 'type');
      });

      it('empty sections names sections', async () => {
        await expectError(await postJson(fetcher, '/api/drafts', { ...base(), sections: [] }), 400, 'sections');
      });

      it('facts that are not a list name sections[0].facts', async () => {
        await expectError(await postJson(fetcher, '/api/drafts', { ...base(), sections: [{ topic: '党建工作', facts: '开展活动3次' }] }), 400, 'sections[0].facts');
      });

      it('invalid JSON', async () => {
        const response = await fetcher('/api/drafts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "annual-summary", ' });
        expect((await expectError(response, 400)).code).toBe('invalid_json');
      });

      it('a body that is not JSON', async () => {
        const response = await fetcher('/api/drafts', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(base()) });
        await expectError(response, 415);
      });

      it('a 5 MB body', async () => {
        const facts = { ...base(), theme: '很'.repeat(5 * 1024 * 1024 / 3) };
        const response = await postJson(fetcher, '/api/drafts', facts);
        expect((await expectError(response, 413)).code).toBe('payload_too_large');
      });

      it('an empty edit names markdown', async () => {
        const created = await (await postJson(fetcher, '/api/drafts', examples[0].facts)).json();
        await expectError(await putJson(fetcher, `/api/drafts/${created.id}`, { markdown: '   ' }), 400, 'markdown');
        const stored = await (await fetcher(`/api/drafts/${created.id}`)).json();
        expect(stored.versions).toHaveLength(1);
      });

      it('a draft that does not exist, or a malformed id', async () => {
        await expectError(await fetcher('/api/drafts/AAAAAAAAAAAAAAAAAAAAAA'), 404);
        await expectError(await fetcher('/api/drafts/..%2F..%2Fetc'), 404);
        await expectError(await putJson(fetcher, '/api/drafts/AAAAAAAAAAAAAAAAAAAAAA', { markdown: '# 标题' }), 404);
      });

      it('an unknown export format names format', async () => {
        const created = await (await postJson(fetcher, '/api/drafts', examples[0].facts)).json();
        await expectError(await fetcher(`/api/drafts/${created.id}/export?format=pdf`), 400, 'format');
      });
    });
  });
}
