/**
 * 汇总各单位报告 in the widget, in Chromium against the real Node app: choose four schools' files, see what was
 * recognised per school, split a merged area and merge it back, accept a sum (its computation on hover and in the
 * text), start the review from the merged sheet, and draft with the sum stated.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appAndBrowser, screenshots, watchForScript } from './harness.js';
import { answer, widgetIn } from './widget-driver.js';

const live = appAndBrowser();
const dir = new URL('../fixtures/consolidate/half-year-primary/', import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f !== 'expected.json').map((f) => dir + f);

describe('widget: 汇总各单位报告', () => {
  it('consolidates four files, splits and merges an area, accepts a sum, reviews and drafts it', async () => {
    const page = await live.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const seen = watchForScript(page);
    await page.goto(`${live.server.origin}/?type=half-year-summary`);
    const widget = widgetIn(page);
    await widget.locator('.msg.bot').first().waitFor();

    await widget.getByRole('button', { name: '汇总各单位报告' }).click();
    const view = widget.locator('.consolidate');
    await view.getByLabel('选择各单位的报告（可多选）').setInputFiles(files);
    await view.getByLabel('汇总单位').fill('某某县教育局');
    await view.getByRole('button', { name: '汇总', exact: true }).click();

    // What was recognised per school, and the merged areas with each school's own name for them.
    await expect.poll(() => view.locator('ul.schools > li').count()).toBe(4);
    expect(await view.locator('ul.schools').innerText()).toContain('城关第一小学：抓实教师培训、德育工作、校园安全');
    const areas = view.locator('ul.areas');
    await expect.poll(() => areas.innerText()).toContain('教师队伍建设（');
    expect(await areas.innerText()).toContain('城关第二小学：师资队伍建设');

    // Undo the 德育 merge, then merge it back.
    await areas.locator('button[data-area="topic:德育"]').first().click();
    await expect.poll(() => areas.innerText()).toContain('立德树人（城关第二小学）');
    await areas.getByRole('button', { name: '合并回去' }).first().click();
    await expect.poll(() => areas.innerText()).not.toContain('立德树人（城关第二小学）');
    await expect.poll(() => areas.innerText()).toContain('德育工作（');

    // The 培训教师 sum: how it was computed is in its title (hover) and in the text; accept it.
    const sum = view.locator('ul.sums > li', { hasText: '355人次' });
    expect(await sum.getAttribute('title')).toMatch(/^(?:\d+人次 \+ ){3}\d+人次 = 355人次$/);
    expect(await sum.innerText()).toContain('城关第一小学');
    await sum.getByRole('checkbox').check();
    await screenshots(page, '20-consolidate');

    await view.getByRole('button', { name: '开始核对并起草' }).click();
    const bot = widget.locator('.msg.bot').last();
    await expect.poll(() => bot.innerText()).toContain('各单位培训教师合计355人次');
    expect(await bot.innerText()).toMatch(/合计\d+：各单位培训教师合计355人次。（[^）]*= 355人次[^）]*）——已采用/);

    await answer(widget, '直接生成');
    const review = widget.locator('.review');
    await review.waitFor();
    await review.getByRole('button', { name: '确认提纲，开始起草' }).click();
    await widget.locator('.draft .actions').waitFor();
    const text = await widget.locator('article.doc').innerText();
    expect(text).toContain('各单位培训教师合计355人次。');
    expect(text).toContain('城关第一小学：组织教师参加各级培训120人次');
    expect(text).not.toContain('108节。');
    expect(await widget.locator('article.doc mark.unverified').count()).toBe(0);
    // The stated sum shows how it was computed on hover and on keyboard focus.
    const mark = widget.locator('article.doc mark.derived', { hasText: '355人次' });
    expect(await mark.getAttribute('title')).toMatch(/^计算得出：(?:\d+人次 \+ ){3}\d+人次 = 355人次$/);
    await mark.focus();
    expect(await mark.evaluate((el) => getComputedStyle(el, '::after').content)).toContain('355人次');
    expect(seen.errors).toEqual([]);
  });

  it('asks for at least two files before sending anything', async () => {
    const page = await live.browser.newPage();
    await page.goto(`${live.server.origin}/?type=half-year-summary`);
    const widget = widgetIn(page);
    await widget.locator('.msg.bot').first().waitFor();
    await widget.getByRole('button', { name: '汇总各单位报告' }).click();
    const view = widget.locator('.consolidate');
    await view.getByLabel('选择各单位的报告（可多选）').setInputFiles(files.slice(0, 1));
    await view.getByRole('button', { name: '汇总', exact: true }).click();
    await expect.poll(() => view.locator('[role=status]').innerText()).toBe('请至少选择 2 份报告');
  });
});
