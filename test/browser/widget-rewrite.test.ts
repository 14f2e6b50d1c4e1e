/**
 * The widget's 改写 (rewrite one part) tools in Chromium against the real Node app (offline composer): 更简洁 and
 * 更详细 change one part only and keep every figure, 按我的要求…… asks for an instruction and shows the server's
 * refusal plainly, a reload keeps the new version, and the whole thing works from the keyboard.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { findFigures } from '../../src/domain/figures.js';
import { appAndBrowser, watchForScript } from './harness.js';
import { answer, deepActive, partTexts, press, rememberedDraft, tabTo, widgetIn } from './widget-driver.js';

const live = appAndBrowser();

/** Every figure the user types below; each must survive every rewrite. */
const TYPED = ['37名', '6期', '135名', '4300人次', '97.1%', '46场次', '213处', '1所', '2025年12月20日'];

/** An annual summary with three work areas, problems and plans, walked to the finished draft. */
async function draftAnnualSummary(): Promise<{ page: Page; widget: Locator; id: string }> {
  const page = await live.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${live.server.origin}/?type=annual-summary`);
  const widget = widgetIn(page);
  await widget.locator('.msg.bot').first().waitFor();
  await answer(widget, '青河区教育局');
  await answer(widget, '2025年');
  await answer(widget, '党建工作、教师队伍建设、校园安全');
  await answer(widget, '新发展党员37名；开展专题读书班6期');
  await answer(widget, '公开招聘教师135名；组织全员培训4300人次，参训率97.1%');
  await answer(widget, '开展消防演练46场次；排查整改隐患213处');
  await press(widget, '跳过');
  await press(widget, '跳过');
  await press(widget, '跳过');
  await answer(widget, '城区学位仍然紧张');
  await answer(widget, '新建小学1所');
  await answer(widget, '2025年12月20日');
  await widget.locator('.review').getByRole('button', { name: '确认提纲，开始起草' }).click();
  await widget.locator('.draft .actions').waitFor();
  await expect.poll(() => widget.locator('article.doc').getAttribute('aria-busy')).toBe('false');
  const id = await rememberedDraft(page);
  expect(id).toBeTruthy();
  return { page, widget, id: id! };
}

const getDraft = async (id: string) => {
  const response = await fetch(`${live.server.origin}/api/drafts/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { version: number; markdown: string; figures: { given: string[]; invented: string[] } };
};

/** Figures as a sorted list, so two texts can be compared as multisets. */
const figuresOf = (text: string) => findFigures(text).sort();

/** Counts the rewrite requests the page sends, to prove a refused press sent none. */
function countRewrites(page: Page) {
  const seen = { count: 0 };
  page.on('request', (request) => {
    if (/\/sections\/\d+\/rewrite$/.test(new URL(request.url()).pathname)) seen.count++;
  });
  return seen;
}

/** Every typed figure is in what the widget shows and in the stored draft; nothing is flagged as invented. */
async function expectFiguresKept(widget: Locator, id: string) {
  const shown = await widget.locator('article.doc').innerText();
  const stored = await getDraft(id);
  for (const figure of TYPED) {
    expect(shown).toContain(figure);
    expect(stored.markdown).toContain(figure);
  }
  expect(stored.figures.invented).toEqual([]);
  expect(await widget.locator('mark.unverified').count()).toBe(0);
}

/** The message the widget shows for the last action (the toast beside the export buttons). */
const toast = (widget: Locator) => widget.locator('.draft .actions .toast');

/** A message meant for a person: Chinese, no stack trace, no JSON, no bare status code. */
function expectPlainChinese(message: string) {
  expect(message).toMatch(/[\u4e00-\u9fff]/);
  expect(message).not.toMatch(/[{}[\]"]|\bat\s+\S+\s*\(|Error|undefined|null|\b[45]\d\d\b/);
}

describe('widget: rewriting one part', () => {
  it('更简洁 and 更详细 change only their part, keep every figure, save a new version that a reload shows', async () => {
    const { page, widget, id } = await draftAnnualSummary();
    const seen = watchForScript(page);
    const parts = widget.locator('article.doc section.part');
    const first = await getDraft(id);
    await expect.poll(() => widget.locator('.draft .status').innerText()).toContain(`第 ${first.version} 版`);
    const before = await partTexts(widget);
    expect(before.length).toBeGreaterThanOrEqual(6); // title and opening + 三 work areas + problems + plans
    // Every part except the title and opening offers the rewrite tools.
    await expect.poll(() => widget.getByRole('button', { name: /^改写/ }).count()).toBe(before.length - 1);

    // 更简洁 on part 二.
    const second = parts.nth(2);
    await second.getByRole('combobox').selectOption({ label: '更简洁' });
    await second.getByRole('button', { name: /^改写/ }).click();
    await expect.poll(() => toast(widget).innerText()).toMatch(/已改写/);
    const shorter = await getDraft(id);
    expect(shorter.version).toBe(first.version + 1);
    expect(await toast(widget).innerText()).toContain(`第 ${shorter.version} 版`);
    await expect.poll(() => widget.locator('.draft .status').innerText()).toContain(`第 ${shorter.version} 版`);
    const afterShorter = await partTexts(widget);
    expect(afterShorter[2]).not.toBe(before[2]);
    expect(afterShorter[2].length).toBeLessThan(before[2].length);
    expect(figuresOf(afterShorter[2])).toEqual(figuresOf(before[2]));
    expect(afterShorter.filter((_, i) => i !== 2)).toEqual(before.filter((_, i) => i !== 2));
    await expectFiguresKept(widget, id);
    await page.screenshot({ path: '/tmp/widget-rewrite-1280.png' });
    await page.setViewportSize({ width: 375, height: 812 });
    await second.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/widget-rewrite-375.png' });
    // At 375 px the part's tools stay inside the part: nothing sticks out sideways.
    const overflow = await second.evaluate((part) => {
      const box = part.getBoundingClientRect();
      return [...part.querySelectorAll('.parttools > *')].filter((tool) => {
        const r = tool.getBoundingClientRect();
        return r.left < box.left - 1 || r.right > box.right + 1;
      }).length;
    });
    expect(overflow).toBe(0);
    await page.setViewportSize({ width: 1280, height: 900 });

    // 更详细 on a freshly drafted part: offline it has nothing to add, and says so plainly; nothing changes.
    const third = parts.nth(3);
    await third.getByRole('combobox').selectOption({ label: '更详细' });
    await third.getByRole('button', { name: /^改写/ }).click();
    await expect.poll(() => toast(widget).locator('.err').count()).toBe(1);
    expectPlainChinese(await toast(widget).innerText());
    expect((await getDraft(id)).version).toBe(shorter.version);
    expect(await partTexts(widget)).toEqual(afterShorter);

    // The user shortens part 三 by hand, leaving one of its facts out; 更详细 then brings the left-out fact back.
    await third.getByRole('button', { name: /^编辑/ }).click();
    const area = third.locator('textarea');
    const heading = (await area.inputValue()).split('\n')[0];
    await area.fill(`${heading}\n\n全区层层压实安全责任，开展消防演练46场次。`);
    await third.getByRole('button', { name: '保存为新版本' }).click();
    await expect.poll(() => toast(widget).innerText()).toContain('已保存');
    const edited = await getDraft(id);
    expect(edited.version).toBe(shorter.version + 1);
    const beforeDetail = await partTexts(widget);
    expect(beforeDetail[3]).not.toContain('213处');

    await third.getByRole('combobox').selectOption({ label: '更详细' });
    await third.getByRole('button', { name: /^改写/ }).click();
    await expect.poll(() => toast(widget).innerText()).toMatch(/已改写/);
    const detailed = await getDraft(id);
    expect(detailed.version).toBe(edited.version + 1);
    expect(await toast(widget).innerText()).toContain(`第 ${detailed.version} 版`);
    const afterDetail = await partTexts(widget);
    expect(afterDetail[3].length).toBeGreaterThan(beforeDetail[3].length);
    expect(afterDetail[3]).toContain('213处');
    // No figure lost; the ones added are the user's own.
    const added = [...figuresOf(afterDetail[3])];
    for (const figure of figuresOf(beforeDetail[3])) added.splice(added.indexOf(figure), 1);
    expect(figuresOf(afterDetail[3])).toEqual(expect.arrayContaining(figuresOf(beforeDetail[3])));
    for (const figure of added) expect(detailed.figures.given).toContain(figure);
    expect(afterDetail.filter((_, i) => i !== 3)).toEqual(beforeDetail.filter((_, i) => i !== 3));
    await expectFiguresKept(widget, id);

    // Reload: the widget opens the latest version, the same one the server keeps.
    await page.reload();
    await widget.locator('.draft .actions').waitFor();
    await expect.poll(() => widget.locator('.draft .status').innerText()).toContain(`第 ${detailed.version} 版`);
    expect(await partTexts(widget)).toEqual(afterDetail);
    expect((await getDraft(id)).version).toBe(detailed.version);
    expect(seen.errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('按我的要求…… by keyboard only: asks for an instruction, shows the offline refusal plainly, then 更简洁 with Enter', async () => {
    const { page, widget, id } = await draftAnnualSummary();
    const requests = countRewrites(page);
    const start = await getDraft(id);
    const before = await partTexts(widget);
    const label = before[4].split('\n')[0]; // the part's heading, e.g. 四、……
    const select = `改写“${label}”的方式`;

    // Tab to the part's select, pick 按我的要求…… with the arrow keys, Tab to 改写 and press Space.
    await widget.locator('.draft .status').click(); // a starting point inside the widget (no control there)
    await tabTo(page, (el) => el.tag === 'select' && el.label === select);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await widget.getByRole('combobox', { name: select }).inputValue()).toBe('custom');
    await page.keyboard.press('Tab');
    expect(await deepActive(page)).toMatchObject({ tag: 'button', text: '改写' });
    await page.keyboard.press('Space');

    // Empty instruction: the widget asks for one and sends nothing.
    const instruction = widget.getByRole('textbox', { name: '改写要求' });
    await instruction.waitFor();
    expect(await deepActive(page)).toMatchObject({ tag: 'input', label: '改写要求' });
    await expect.poll(() => toast(widget).innerText()).toContain('改写要求');
    // Only spaces is still empty.
    await page.keyboard.type('   ');
    await tabTo(page, (el) => el.tag === 'button' && el.label === `改写“${label}”`);
    await page.keyboard.press('Enter');
    expect(await deepActive(page)).toMatchObject({ tag: 'input', label: '改写要求' });
    await page.waitForTimeout(300);
    expect(requests.count).toBe(0);
    expect((await getDraft(id)).version).toBe(start.version);

    // A free instruction offline: the server's message, in plain Chinese; the draft is as it was.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('语气更正式一些');
    await page.keyboard.press('Enter'); // Enter in the instruction box sends it, like the chat box
    await expect.poll(() => toast(widget).locator('.err').count()).toBe(1);
    expect(requests.count).toBe(1);
    const message = await toast(widget).innerText();
    expectPlainChinese(message);
    expect(message).toMatch(/更简洁|更详细/); // it tells the user what does work offline
    expect((await getDraft(id)).version).toBe(start.version);
    expect(await partTexts(widget)).toEqual(before);
    // The instruction is kept for another try, and the keyboard user is not thrown out of the part.
    expect(await instruction.inputValue()).toBe('语气更正式一些');
    expect((await deepActive(page))?.tag).not.toBe('body');

    // 更详细 on this freshly drafted part: offline there is nothing to add; a plain refusal, focus stays on 改写.
    const button = { tag: 'button', label: `改写“${label}”` };
    await tabTo(page, (el) => el.tag === 'select' && el.label === select);
    await page.keyboard.press('ArrowUp');
    expect(await widget.getByRole('combobox', { name: select }).inputValue()).toBe('更详细');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => requests.count).toBe(2);
    await expect.poll(() => toast(widget).innerText()).not.toContain('正在改写');
    expectPlainChinese(await toast(widget).innerText());
    expect((await getDraft(id)).version).toBe(start.version);
    expect(await partTexts(widget)).toEqual(before);
    expect(await deepActive(page)).toMatchObject(button);

    // Back to the select, 更简洁 with the arrow keys, Enter on 改写: rewritten, and focus stays on that 改写.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowUp');
    expect(await widget.getByRole('combobox', { name: select }).inputValue()).toBe('更简洁');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => toast(widget).innerText()).toMatch(/已改写/);
    const after = await getDraft(id);
    expect(after.version).toBe(start.version + 1);
    expect(await toast(widget).innerText()).toContain(`第 ${after.version} 版`);
    const texts = await partTexts(widget);
    expect(texts[4]).not.toBe(before[4]);
    expect(figuresOf(texts[4])).toEqual(figuresOf(before[4]));
    expect(texts.filter((_, i) => i !== 4)).toEqual(before.filter((_, i) => i !== 4));
    await expectFiguresKept(widget, id);
    // The part was drawn again; focus is back on its 改写 button, not lost to the page.
    await expect.poll(() => deepActive(page)).toMatchObject(button);
    // …and the rewritten part is on screen, where the user was.
    const visible = await widget.locator('article.doc section.part').nth(4).evaluate((part) => {
      const view = part.closest('.scroll')!.getBoundingClientRect();
      const box = part.getBoundingClientRect();
      return box.bottom > view.top && box.top < view.bottom;
    });
    expect(visible).toBe(true);
    await page.close();
  }, 120_000);

  it('a part made of （一）（二） rewrites the chosen sub-part only (work plan, 主要工作和措施)', async () => {
    const page = await live.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${live.server.origin}/?type=work-plan`);
    const widget = widgetIn(page);
    await widget.locator('.msg.bot').first().waitFor();
    await answer(widget, '青河区教育局');
    await answer(widget, '2025—2026学年第一学期');
    await answer(widget, '教学管理、校园安全');
    await answer(widget, '开展教学视导2轮；组织新教师培训120人次');
    await answer(widget, '完成安全隐患排查48所学校；组织应急演练3次');
    await press(widget, '跳过');
    await answer(widget, '完成');
    await widget.locator('.review').getByRole('button', { name: '确认提纲，开始起草' }).click();
    await widget.locator('.draft .actions').waitFor();
    const id = (await rememberedDraft(page))!;
    const start = await getDraft(id);
    /** The stored draft cut at its ## and ### headings: the blocks a sub-part rewrite must leave alone. */
    const blocks = (markdown: string) => markdown.split(/\n(?=#{2,3} )/);
    const old = blocks(start.markdown);
    const grouped = old.findIndex((block, i) => block.startsWith('## ') && old[i + 1]?.startsWith('### ') && old[i + 2]?.startsWith('### '));
    expect(grouped).toBeGreaterThan(0); // the plan has a part with at least two sub-parts
    const groupLabel = old[grouped].split('\n')[0].replace(/^##\s+/, '');
    const part = widget.getByRole('region', { name: groupLabel });
    const which = part.getByRole('combobox', { name: `改写“${groupLabel}”中的哪一部分` });
    // The choice lists the sub-parts by their headings; pick the second.
    const secondLabel = old[grouped + 2].split('\n')[0].replace(/^###\s+/, '');
    await which.selectOption({ label: secondLabel });
    await part.getByRole('combobox', { name: `改写“${groupLabel}”的方式` }).selectOption({ label: '更简洁' });
    await part.getByRole('button', { name: `改写“${groupLabel}”` }).click();
    await expect.poll(() => toast(widget).innerText()).toMatch(/已改写/);
    expect(await toast(widget).innerText()).toContain(secondLabel);
    const after = await getDraft(id);
    expect(after.version).toBe(start.version + 1);
    const now = blocks(after.markdown);
    expect(now.length).toBe(old.length);
    expect(now[grouped + 2]).not.toBe(old[grouped + 2]);
    expect(figuresOf(now[grouped + 2])).toEqual(figuresOf(old[grouped + 2]));
    expect(now.filter((_, i) => i !== grouped + 2)).toEqual(old.filter((_, i) => i !== grouped + 2));
    for (const figure of ['2轮', '120人次', '48所', '3次']) expect(after.markdown).toContain(figure);
    expect(after.figures.invented).toEqual([]);
    // The widget shows the new text, and the choice still names the sub-part just rewritten.
    await expect.poll(() => part.innerText()).toContain(now[grouped + 2].split('\n').filter(Boolean).at(-1)!.replace(/^\d+\.\s*/, ''));
    expect(await which.inputValue()).toBe('1');
    await page.setViewportSize({ width: 375, height: 812 });
    await part.getByRole('button', { name: `改写“${groupLabel}”` }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/widget-rewrite-group-375.png' });
    const overflow = await part.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return [...el.querySelectorAll('.parttools > *')].filter((tool) => tool.getBoundingClientRect().right > box.right + 1).length;
    });
    expect(overflow).toBe(0);
    await page.close();
  }, 120_000);
});
