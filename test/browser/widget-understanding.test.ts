/**
 * The widget in Chromium against the real Node app, for what the interview must never do silently: an answer
 * sent while the server is unreachable is not shown as sent (it goes back in the box and is stored once sent
 * again, in its order); the progress bar starts empty and never runs back while facts are only added; from the
 * review a fact is added to an area, the assistant's reply is shown there, and 未归类 items are placed.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { appAndBrowser, screenshots } from './harness.js';
import { answer, press, widgetIn } from './widget-driver.js';

const live = appAndBrowser();

async function open(type: string): Promise<Page> {
  const page = await live.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${live.server.origin}/?type=${type}`);
  await widgetIn(page).locator('.msg.bot').first().waitFor();
  return page;
}

/** The bar's filled width as a share of the whole, 0…1. */
const barShare = (widget: Locator) =>
  widget.locator('.progress .bar').evaluate((bar) => (bar.firstElementChild as HTMLElement).getBoundingClientRect().width / bar.getBoundingClientRect().width);

/** The session the widget remembers, read over the API as the server stored it. */
async function storedSession(page: Page): Promise<any> {
  const id = await page.evaluate(() => {
    const entry = Object.entries(localStorage).find(([key]) => key.startsWith('report-drafter:'));
    return entry ? JSON.parse(entry[1]).session : null;
  });
  return (await fetch(`${live.server.origin}/api/sessions/${id}`)).json();
}

describe('widget: nothing looks sent that was not stored', () => {
  it('puts an answer back in the box when the server is unreachable, and stores it once sent again', async () => {
    const page = await open('annual-summary');
    const widget = widgetIn(page);
    await answer(widget, '青河区教育局');
    const users = widget.locator('.msg.user');
    expect(await users.count()).toBe(1);

    await live.server.stop();
    const box = widget.locator('.composer textarea');
    await box.fill('2025年');
    await box.press('Enter');
    const alert = widget.locator('.alert');
    await alert.waitFor({ state: 'visible' });
    // Not shown as sent: no bubble for it, and it is back in the box.
    await expect.poll(() => users.count()).toBe(1);
    expect(await box.inputValue()).toBe('2025年');
    await screenshots(page, '51-failed-send-kept');

    await live.server.restart();
    const before = await widget.locator('.msg.bot').count();
    await alert.getByRole('button', { name: '重试' }).click();
    await widget.locator('.msg.bot').nth(before).waitFor();
    expect((await users.allInnerTexts()).map((t) => t.replace(/\s+/g, ''))).toEqual(['我：青河区教育局', '我：2025年']);
    expect(await box.inputValue()).toBe('');
    const session = await storedSession(page);
    expect(session.facts.period).toBe('2025年');
    // The next answer follows it, in order.
    await answer(widget, '党建工作、教师队伍建设');
    expect((await storedSession(page)).facts.sections.map((s: any) => s.topic)).toEqual(['党建工作', '教师队伍建设']);
    await page.close();
  }, 90_000);
});

describe('widget: progress', () => {
  it('starts empty, counts the questions left, and never runs back as work areas are added', async () => {
    const page = await open('annual-summary');
    const widget = widgetIn(page);
    expect(await barShare(widget)).toBe(0);
    await expect.poll(() => widget.locator('.progress').innerText()).toContain('还剩 9 个问题');
    const shares: number[] = [await barShare(widget)];
    for (const text of ['青河区教育局', '2025年', '党建工作、教师队伍建设、校园安全', '发展党员37名', '招聘教师135名']) {
      await answer(widget, text);
      // The bar moves over .3 s: read it once it has settled.
      await page.waitForTimeout(400);
      shares.push(await barShare(widget));
    }
    // Three areas added three questions: the count says so, and the bar waited instead of running back.
    await expect.poll(() => widget.locator('.progress').innerText()).toContain('还剩 7 个问题');
    for (let i = 1; i < shares.length; i++) expect(shares[i]).toBeGreaterThanOrEqual(shares[i - 1]);
    expect(shares.at(-1)!).toBeGreaterThan(0);
    // 上一步 takes an answer back: the bar may show less again.
    await press(widget, '上一步');
    await page.waitForTimeout(400);
    expect(await barShare(widget)).toBeLessThan(shares.at(-1)!);
    await page.close();
  }, 90_000);
});

describe('widget: what the assistant understood', () => {
  it('says back an interpreted answer with 对 / 不对 buttons, and 对 files it', async () => {
    const page = await open('annual-summary');
    const widget = widgetIn(page);
    await answer(widget, '青河区教育局');
    await answer(widget, '2025年');
    await answer(widget, '主要是三块：校舍建设、教师培训、校园安全');
    const last = widget.locator('.msg.bot').last();
    await expect.poll(() => last.innerText()).toContain('3 个工作领域：校舍建设、教师培训、校园安全');
    await last.getByRole('button', { name: '对', exact: true }).click();
    await expect.poll(() => widget.locator('.progress').innerText()).toContain('“校舍建设”的具体情况');
    expect(await widget.locator('.msg .answers').count()).toBe(0);
    expect((await storedSession(page)).facts.sections.map((s: any) => s.topic)).toEqual(['校舍建设', '教师培训', '校园安全']);
    await page.close();
  }, 60_000);
});

describe('widget: adding from the review', () => {
  it('adds a fact to an area from the review, shows the reply, and places a 未归类 item', async () => {
    const page = await open('annual-summary');
    const widget = widgetIn(page);
    await answer(widget, '青河区教育局');
    await answer(widget, '2025年');
    // Facts where the areas were asked: kept as 未归类, and the areas asked again.
    await answer(widget, '开展安全检查42次');
    await answer(widget, '校舍建设、校园安全');
    await answer(widget, '新建学校6所');
    await answer(widget, '排查隐患317处');
    await press(widget, '完成');
    const review = widget.locator('.review');
    await review.waitFor();
    await expect.poll(() => review.locator('.unplaced').innerText()).toContain('开展安全检查42次');

    // Add one fact to 校舍建设 without retyping the area.
    await review.getByRole('combobox', { name: '补充到' }).selectOption('校舍建设');
    await review.getByRole('textbox', { name: '补充的内容' }).fill('改造农村薄弱学校旱厕15所');
    await review.getByRole('button', { name: '补充', exact: true }).click();
    await expect.poll(() => widget.locator('.review .said').innerText()).toContain('已记下');
    await expect.poll(() => widget.locator('.review dl.facts').innerText()).toContain('改造农村薄弱学校旱厕15所');
    await screenshots(page, '52-review-added');

    // Place the 未归类 item under 校园安全.
    const item = widget.locator('.review .unplaced li').first();
    await item.getByRole('combobox').selectOption('校园安全');
    await item.getByRole('button', { name: '归入' }).click();
    await expect.poll(() => widget.locator('.review .said').innerText()).toContain('已把 1 条归入');
    await expect.poll(() => widget.locator('.review .unplaced').count()).toBe(0);
    const facts = (await storedSession(page)).facts;
    expect(facts.sections).toEqual([
      { topic: '校舍建设', facts: ['新建学校6所', '改造农村薄弱学校旱厕15所'] },
      { topic: '校园安全', facts: ['排查隐患317处', '开展安全检查42次'] },
    ]);
    expect(facts.unplaced).toBeUndefined();

    // 返回对话补充: the reply to what was typed is shown in the review it goes back to, even “没有看懂”.
    await widget.getByRole('button', { name: '返回对话补充' }).click();
    const box = widget.locator('.composer textarea');
    await box.fill('校舍建设还有一条：维修校舍8栋');
    await box.press('Enter');
    await expect.poll(() => widget.locator('.review .said').innerText()).toContain('“校舍建设”的情况 3 条');
    await widget.getByRole('button', { name: '返回对话补充' }).click();
    await box.fill('今天天气不错');
    await box.press('Enter');
    await expect.poll(() => widget.locator('.review .said').innerText()).toContain('没有看懂');
    await page.close();
  }, 120_000);
});
