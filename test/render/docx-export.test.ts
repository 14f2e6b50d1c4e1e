/** The Word export wired up: GET /api/drafts/:id/export?format=docx on the real app, and the CLI's --format docx. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, json } from '../helpers/app.js';
import { examples } from '../helpers/examples.js';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'docx-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const plan = examples.find((e) => e.name === 'work-plan')!;

async function documentText(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('GET /api/drafts/:id/export?format=docx', () => {
  it('downloads the stored draft as a Word file named after its title, with unverified figures highlighted', async () => {
    const { app } = await createTestApp();
    const created = await (await app.request('/api/drafts', json(plan.facts))).json();
    // An edit that adds a figure the facts do not hold: the export must highlight it.
    const edited = created.markdown.replace('具体工作安排如下：', '具体工作安排如下（另计划投入经费77万元）：');
    const put = await app.request(`/api/drafts/${created.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ markdown: edited }) });
    expect(put.status).toBe(200);
    expect((await put.json()).figures.invented).toContain('77万元');

    const res = await app.request(`/api/drafts/${created.id}/export?format=docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(decodeURIComponent(res.headers.get('content-disposition')!)).toContain(`${created.outline.title}.docx`);
    const bytes = await res.arrayBuffer();
    const text = await documentText(bytes);
    expect(text).toContain(created.outline.title);
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).toMatch(/<w:highlight w:val="cyan"\/><\/w:rPr><w:t xml:space="preserve">77万元<\/w:t>/);

    const first = await app.request(`/api/drafts/${created.id}/export?format=docx&version=1`);
    expect(await documentText(await first.arrayBuffer())).not.toContain('77万元');
  });

  it('answers 404 in Chinese for an unknown draft', async () => {
    const { app } = await createTestApp();
    const res = await app.request('/api/drafts/AAAAAAAAAAAAAAAAAAAAAA/export?format=docx');
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('CLI --format docx', () => {
  const cli = (args: string[]) => run('npx', ['tsx', 'src/cli.ts', 'draft', ...args], { encoding: 'utf8' });

  it('writes the Word file to --out', async () => {
    const out = join(work, 'plan.docx');
    await cli(['--facts', 'data/examples/work-plan.json', '--format', 'docx', '--out', out]);
    const text = await documentText(readFileSync(out));
    expect(text).toContain(plan.facts.org);
    expect(text).toContain(plan.facts.schedule![0].when);
  });

  it('refuses docx without --out: exit 2, one line naming --out', async () => {
    const error = await cli(['--facts', 'data/examples/work-plan.json', '--format', 'docx']).then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(error?.code).toBe(2);
    expect(error?.stdout).toBe('');
    expect(error?.stderr.trim().split('\n').filter((l) => !l.startsWith('npm warn'))).toEqual([expect.stringMatching(/^--out: .*--out FILE/)]);
  });
});
