/**
 * The widget's 校对 in Chromium against the real Node app: the issues of a hand-edited draft listed by part and
 * marked in place, 采纳 one suggestion and then 全部采纳 each saved as a new version, keyboard only, at 1280 and 375 px.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { appAndBrowser } from './harness.js';
import { answer, deepActive, press, rememberedDraft, tabTo, widgetIn } from './widget-driver.js';

const live = appAndBrowser();

interface Stored {
  version: number;
  markdown: string;
}

const getDraft = async (id: string): Promise<Stored> => (await fetch(`${live.server.origin}/api/drafts/${id}`)).json();

/** A short annual summary walked through the interview to its finished draft. */
async function drafted(): Promise<{ page: Page; widget: Locator; id: string }> {
  const page = await live.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${live.server.origin}/?type=annual-summary`);
  const widget = widgetIn(page);
  await widget.locator('.msg.bot').first().waitFor();
  await answer(widget, '青河区教育局');
  await answer(widget, '2025年');
  await answer(widget, '党建工作、校园安全');
  await answer(widget, '新发展党员37名；开展专题读书班6期');
  await answer(widget, '开展消防演练46场次；排查整改隐患213处');
  await press(widget, '跳过');
  await press(widget, '跳过');
  await press(widget, '跳过');
  await answer(widget, '城区学位仍然紧张');
  await answer(widget, '新建小学1所');
  await answer(widget, '2025年12月20日');
  await widget.locator('.review').getByRole('button', { name: '确认提纲，开始起草' }).click();
  await widget.locator('.draft .actions').waitFor();
  const id = await rememberedDraft(page);
  expect(id).toBeTruthy();
  return { page, widget, id: id! };
}

const panel = (widget: Locator) => widget.locator('section.proofread');
const toast = (widget: Locator) => widget.locator('.draft .actions .toast');

describe('widget: 校对', () => {
  it('lists a hand-edited draft’s issues by part, marks them in place, and 采纳 saves each fix as a new version — keyboard only', async () => {
    const { page, widget, id } = await drafted();
    // Someone edits part 一 by hand (through the API, as another client would): a typo and a half-width comma.
    const original = await getDraft(id);
    const partOne = /\n## 一、[^\n]*\n\n[^\n]*/.exec(original.markdown)![0];
    const edited = original.markdown.replace(partOne, `${partOne}各项工作按步就班推进,成效明显。`);
    const put = await fetch(`${live.server.origin}/api/drafts/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ markdown: edited }) });
    expect(put.status).toBe(200);
    await page.reload();
    await widget.locator('.draft .actions').waitFor();
    await expect.poll(() => widget.locator('.draft .status').innerText()).toContain(`第 ${original.version + 1} 版`);

    // Keyboard only: Tab to 校对 and press Enter.
    await page.locator('body').focus();
    await tabTo(page, (el) => el.tag === 'button' && el.text === '校对');
    await page.keyboard.press('Enter');
    await expect.poll(() => panel(widget).locator('h3').innerText()).toBe('校对：发现 2 处问题');
    expect((await deepActive(page))?.text).toBe('校对：发现 2 处问题');
    // Listed under the part they are in, with the rule named.
    const heading = /## (一、[^\n]*)/.exec(edited)![1];
    expect(await panel(widget).locator('h4').allInnerTexts()).toEqual([heading]);
    const items = await panel(widget).locator('li').allInnerTexts();
    expect(items[0]).toContain('错别字：“按步就班”应为“按部就班”');
    expect(items[1]).toContain('标点：中文里用了半角逗号');
    // Marked in place, in that part of the draft, each mark telling its rule.
    const part = widget.locator('article.doc section.part').nth(1);
    const marks = part.locator('mark.proof');
    expect(await marks.allInnerTexts()).toEqual(['按步就班', ',']);
    expect(await marks.first().getAttribute('title')).toContain('按部就班');
    expect(await widget.locator('article.doc mark.proof').count()).toBe(2);

    // 采纳 the typo alone, from the keyboard.
    await tabTo(page, (el) => el.tag === 'button' && el.label.startsWith('采纳：把“按步就班”改为“按部就班”'));
    await page.keyboard.press('Enter');
    await expect.poll(() => toast(widget).innerText()).toContain(`保存为第 ${original.version + 2} 版`);
    const afterOne = await getDraft(id);
    expect(afterOne.version).toBe(original.version + 2);
    expect(afterOne.markdown).toBe(edited.replace('按步就班', '按部就班'));
    // Checked again: the one left is listed and marked, and focus is on its 采纳.
    await expect.poll(() => panel(widget).locator('h3').innerText()).toBe('校对：发现 1 处问题');
    expect(await widget.locator('article.doc mark.proof').allInnerTexts()).toEqual([',']);
    expect((await deepActive(page))?.label).toMatch(/^采纳：把“,”改为“，”/);
    await page.screenshot({ path: '/tmp/widget-proofread-1280.png' });

    // At 375 px the list fits the widget; 全部采纳 (Tab, Enter) fixes what is left in one new version.
    await page.setViewportSize({ width: 375, height: 812 });
    const overflow = await panel(widget).evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await tabTo(page, (el) => el.tag === 'button' && el.text.startsWith('全部采纳'), true);
    await page.keyboard.press('Enter');
    await expect.poll(() => panel(widget).locator('h3').innerText()).toBe('校对：没有发现问题');
    const afterAll = await getDraft(id);
    expect(afterAll.version).toBe(original.version + 3);
    expect(afterAll.markdown).toBe(edited.replace('按步就班', '按部就班').replace('推进,成效', '推进，成效'));
    expect(await widget.locator('article.doc mark.proof').count()).toBe(0);
    await page.screenshot({ path: '/tmp/widget-proofread-375.png' });
    await page.close();
  });
});
