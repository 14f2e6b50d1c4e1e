/**
 * "用去年的报告开始" in Chromium against the real Node app: paste an old report or choose a .docx/.txt file, see what
 * was recognised (type, areas, facts, which of several reports), start the import interview; errors in Chinese.
 * At 1280 px and at 375 px.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { composeDraft } from '../../src/services/draft-pipeline.js';
import { offlineComposer } from '../../src/compose/offline-composer.js';
import { renderDocx } from '../../src/render/docx.js';
import { loadReportTypes } from '../../src/domain/report-types.js';
import { readPromptFiles } from '../../src/node/prompt-files.js';
import { examples } from '../helpers/examples.js';
import { appAndBrowser, screenshots } from './harness.js';
import { answer, lastBot, widgetIn } from './widget-driver.js';

const live = appAndBrowser();
// Not helpers/app.js: importing it here would load the widget bundle before the harness rebuilds it.
const reportTypes = loadReportTypes(readPromptFiles());
const fixture = (path: string) => readFileSync(new URL(`../fixtures/import/${path}`, import.meta.url), 'utf8');

async function open(width: number): Promise<Page> {
  const page = await live.browser.newPage({ viewport: { width, height: width === 375 ? 812 : 900 } });
  await page.goto(`${live.server.origin}/?type=annual-summary`);
  await widgetIn(page).locator('.msg.bot').first().waitFor();
  return page;
}

/** The widget's panel is no wider than the screen: nothing sticks out sideways. */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const panel = document.querySelector('report-drafter[mode=inline]')!.shadowRoot!.querySelector('.rd')!;
    return panel.scrollWidth <= panel.clientWidth + 1 && panel.getBoundingClientRect().right <= window.innerWidth + 1;
  });
}

describe('widget: start from last year’s report', () => {
  for (const width of [1280, 375]) {
    it(`pastes a web copy, shows what was recognised, and runs the import interview (${width} px)`, async () => {
      const page = await open(width);
      const widget = widgetIn(page);
      await widget.getByRole('button', { name: '用去年的报告开始' }).click();
      await widget.getByLabel('粘贴报告全文').fill(fixture('annual-noisy.txt'));
      await widget.getByRole('button', { name: '识别', exact: true }).click();
      const result = widget.locator('.recognised');
      await expect.poll(() => result.innerText()).toContain('类型：年度工作总结');
      await expect.poll(() => result.innerText()).toContain('3 个工作领域');
      expect(await result.locator('.areas li').allInnerTexts()).toEqual(['坚持党建引领，干部队伍作风进一步转变', '坚持内涵发展，办学质量稳步提高', '坚持改善条件，办学保障进一步加强']);
      expect(await result.locator('.count').innerText()).toMatch(/3 个工作领域，\d+ 条事实/);
      expect(await fitsWidth(page)).toBe(true);
      await screenshots(page, `import-01-paste-${width}`);

      await widget.getByRole('button', { name: '开始核对' }).click();
      await expect.poll(() => lastBot(widget)).toContain('原报告写的是“2024年”，这次写哪个时间段？');
      await answer(widget, '2026年');
      await expect.poll(() => lastBot(widget)).toContain('全年开展主题党日活动48次');
      expect(await fitsWidth(page)).toBe(true);
      await screenshots(page, `import-02-interview-${width}`);
      await page.close();
    });
  }

  it('uploads our own .docx export and imports it back: type, areas and the interview (375 px)', async () => {
    const facts = examples.find((e) => e.name === 'half-year-summary')!.facts;
    const draft = await composeDraft({ facts, type: reportTypes.get(facts.type)!, composer: offlineComposer });
    const page = await open(375);
    const widget = widgetIn(page);
    await widget.getByRole('button', { name: '用去年的报告开始' }).click();
    await widget.locator('input[type=file]').setInputFiles({ name: '上半年总结.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from(await renderDocx(draft.markdown)) });
    const result = widget.locator('.recognised');
    await expect.poll(() => result.innerText()).toContain('类型：半年工作总结');
    await expect.poll(() => result.innerText()).toContain(`${facts.sections.length} 个工作领域，${facts.sections.reduce((n, s) => n + s.facts.length, 0)} 条事实`);
    expect(await fitsWidth(page)).toBe(true);
    await screenshots(page, 'import-03-docx');
    await widget.getByRole('button', { name: '开始核对' }).click();
    await expect.poll(() => lastBot(widget)).toContain(`原报告写的是“${facts.period}”`);
    await page.close();
  });

  it('uploads a .txt at 1280 px and offers each report of a collection', async () => {
    const page = await open(1280);
    const widget = widgetIn(page);
    await widget.getByRole('button', { name: '用去年的报告开始' }).click();
    await widget.locator('input[type=file]').setInputFiles({ name: '要点合集.txt', mimeType: 'text/plain', buffer: Buffer.from(fixture('corpus/04-collection.txt')) });
    const choice = widget.getByLabel('这里有 2 篇报告，导入哪一篇？');
    await choice.waitFor();
    await expect.poll(() => widget.locator('.recognised').innerText()).toContain('类型：工作要点');
    await choice.selectOption('2');
    await expect.poll(() => widget.locator('.recognised').innerText()).toContain('类型：工作计划');
    await screenshots(page, 'import-04-collection');
    await widget.getByRole('button', { name: '开始核对' }).click();
    await expect.poll(() => lastBot(widget)).toContain('芦溪区教育局2025年工作计划');
    // The widget was opened for an annual summary; the header now names what is being written.
    await expect.poll(() => widget.locator('header h2').innerText()).toBe('公文起草助手 · 工作计划');
    await page.close();
  });

  it('explains in Chinese a file it cannot read, one too big, and text with no report in it', async () => {
    const page = await open(375);
    const widget = widgetIn(page);
    await widget.getByRole('button', { name: '用去年的报告开始' }).click();
    const error = widget.locator('.import .err');
    const input = widget.locator('input[type=file]');

    await input.setInputFiles({ name: '旧总结.doc', mimeType: 'application/msword', buffer: Buffer.from('not a docx') });
    await expect.poll(() => error.innerText()).toContain('旧版 .doc 请先另存为 .docx');
    await input.setInputFiles({ name: '坏文件.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004broken') });
    await expect.poll(() => error.innerText()).toMatch(/坏文件\.docx：.*(?:无法读取|损坏)/);
    await input.setInputFiles({ name: '很大.txt', mimeType: 'text/plain', buffer: Buffer.alloc(6 * 1024 * 1024, 0x61) });
    await expect.poll(() => error.innerText()).toContain('超过 5 MiB 上限');

    await widget.getByLabel('粘贴报告全文').fill('你好，帮我看看这段话能不能用。');
    await widget.getByRole('button', { name: '识别', exact: true }).click();
    await expect.poll(() => error.innerText()).toContain('没能从这段文字中读出报告');
    await expect.poll(() => widget.getByRole('button', { name: '开始核对' }).isVisible()).toBe(false);
    expect(await fitsWidth(page)).toBe(true);
    await screenshots(page, 'import-05-errors');

    // 返回对话 goes back to the interview that was running.
    await widget.getByRole('button', { name: '返回对话' }).click();
    await expect.poll(() => widget.locator('.composer textarea').isVisible()).toBe(true);
    await page.close();
  });
});
