/**
 * /docs in Chromium with API_KEYS set: a tool route tried with the example body and the key typed in answers 201;
 * the event stream is chosen by Accept and shown; a Word export is offered as a download; a file is uploaded to
 * /api/imports; descriptions show code, not backticks; no request for /favicon.ico fails.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshots, serveApp, type Served } from './harness.js';

let server: Served;
let browser: Browser;
beforeAll(async () => {
  server = await serveApp({ API_KEYS: 'docs-key-1' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('/docs in a browser', () => {
  it('tries every kind of route: example body with a key, SSE by Accept, a download, an upload', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().includes('/api/')) failed.push(`${response.status()} ${response.url()}`);
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.origin}/docs`);
    const op = (method: string, path: string) => page.locator('details').filter({ has: page.locator('summary', { hasText: new RegExp(`^${method}\\s+${path.replace(/[{}]/g, '\\$&')} —`) }) });

    // Without the key: 401, shown as it came.
    const create = op('POST', '/api/drafts');
    await create.locator('summary').click();
    const example = JSON.parse(await create.locator('textarea').inputValue());
    expect(example.type).toBe('work-plan');
    expect(example.sections.length).toBeGreaterThan(0);
    await create.getByRole('button', { name: '发送' }).click();
    await expect.poll(() => create.locator('pre').innerText()).toMatch(/^401/);

    // With the key: the example drafts (201 JSON), then the same as a stream (200 text/event-stream).
    await page.locator('#key').fill('docs-key-1');
    await create.getByRole('button', { name: '发送' }).click();
    await expect.poll(() => create.locator('pre').innerText()).toMatch(/^201/);
    const draft = JSON.parse((await create.locator('pre').innerText()).replace(/^[^\n]*\n\n/, ''));
    expect(draft.markdown).toContain(example.org);
    await create.locator('select').selectOption('text/event-stream');
    await create.getByRole('button', { name: '发送' }).click();
    await expect.poll(() => create.locator('pre').innerText(), { timeout: 15_000 }).toContain('event: done');
    expect(await create.locator('pre').innerText()).toMatch(/^200 OK\s+text\/event-stream/);

    // The Word export: offered as a download with its file name.
    const exportOp = op('GET', '/api/drafts/{id}/export');
    await exportOp.locator('summary').click();
    expect(await exportOp.locator('input').first().inputValue()).toBe(''); // no made-up id
    await exportOp.locator('input').first().fill(draft.id);
    await exportOp.locator('select').first().selectOption('docx');
    await exportOp.getByRole('button', { name: '发送' }).click();
    const download = exportOp.locator('a[download]');
    await download.waitFor();
    expect(await download.getAttribute('download')).toMatch(/\.docx$/);
    const [saved] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(saved.suggestedFilename()).toMatch(/\.docx$/);

    // An upload to /api/imports.
    const dir = mkdtempSync(join(tmpdir(), 'docs-upload-'));
    const report = join(dir, '总结.txt');
    writeFileSync(report, '溪山县教育局2025年工作总结\n一、加强党的建设\n全年发展党员12名。\n二、推进教师队伍建设\n组织教师培训3200人次。\n');
    const importOp = op('POST', '/api/imports');
    await importOp.locator('summary').click();
    await importOp.locator('input[type=file]').setInputFiles(report);
    await importOp.getByRole('button', { name: '发送' }).click();
    await expect.poll(() => importOp.locator('pre').innerText()).toMatch(/^200/);
    // Its description shows code spans, not raw backticks.
    expect(await importOp.locator('p code').count()).toBeGreaterThan(0);
    expect(await importOp.locator('p').first().innerText()).not.toContain('`');
    expect(await importOp.locator('pre').innerText()).toContain('溪山县教育局');

    await screenshots(page, '50-docs');
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
