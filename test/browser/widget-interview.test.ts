/**
 * The widget in Chromium against the real Node app: a whole interview, review, the draft streaming in, editing
 * a part, saving a version, exporting, and a reload that continues where the user was.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appAndBrowser, screenshots, watchForScript } from './harness.js';
import { answer, deepActive, draftArrival, lastBot, press, tabTo, watchDraftArrival, widgetIn } from './widget-driver.js';

const live = appAndBrowser();

async function open(path = '/'): Promise<Page> {
  const page = await live.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await page.goto(live.server.origin + path);
  await widgetIn(page).locator('.msg.bot').first().waitFor();
  return page;
}

describe('widget: annual summary with mouse and keyboard typing', () => {
  it('walks the interview, reviews the outline, streams the draft, edits a part, exports, and continues after reload', async () => {
    const page = await open('/?type=annual-summary');
    const seen = watchForScript(page);
    const widget = widgetIn(page);
    await expect.poll(() => widget.locator('.progress').innerText()).toContain('第 1 步，还剩 9 个问题');
    await expect.poll(() => widget.locator('.progress').innerText()).toContain('正在填写：单位名称');
    await screenshots(page, '01-annual-start');

    await answer(widget, '我们是青河区教育局');
    await answer(widget, '2025年');
    await expect.poll(() => widget.locator('.progress').innerText()).toContain('工作领域');
    await answer(widget, '党建工作、教师队伍建设、校园安全');
    await expect.poll(() => widget.locator('.progress').innerText()).toContain('“党建工作”的具体情况');
    await answer(widget, '1. 新发展党员37名\n2. 开展专题读书班6期');
    // A wrong answer, then 上一步 undoes it and the same question comes back.
    await answer(widget, '招聘教师１３５名');
    await press(widget, '上一步');
    await expect.poll(() => widget.locator('.progress').innerText()).toContain('“教师队伍建设”的具体情况');
    await answer(widget, '公开招聘教师135名；组织全员培训4300人次，参训率97.1%');
    await answer(widget, '开展消防演练46场次，排查整改隐患213处');
    await screenshots(page, '02-annual-interview');
    await press(widget, '跳过'); // leadership
    await press(widget, '跳过'); // guidance
    await press(widget, '跳过'); // theme
    await answer(widget, '城区学位仍然紧张');
    await answer(widget, '新建小学1所');
    await answer(widget, '2025年12月20日');

    // Review: facts summary and the numbered outline.
    const review = widget.locator('.review');
    await review.waitFor();
    await expect.poll(() => review.locator('dl.facts').innerText()).toContain('青河区教育局');
    await expect.poll(() => review.locator('dl.facts').innerText()).toContain('公开招聘教师135名');
    const rows = review.locator('ol.outline > li');
    await expect.poll(() => rows.count()).toBe(5);
    await screenshots(page, '03-annual-review');
    const headings = () => rows.locator('input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    const [first, second, third] = await headings();
    // Rename part 一, move part 三 up, drop part 五 (下一步工作打算).
    await rows.nth(0).locator('input').fill('全面加强党的建设');
    await rows.nth(0).locator('input').press('Enter');
    await expect.poll(async () => (await headings())[0]).toBe('全面加强党的建设');
    await review.getByRole('button', { name: '上移第3部分' }).click();
    await expect.poll(async () => (await headings()).slice(0, 3)).toEqual(['全面加强党的建设', third, second]);
    expect(first).not.toBe('全面加强党的建设');
    await review.getByRole('button', { name: '删除第5部分' }).click();
    await expect.poll(() => rows.count()).toBe(4);
    await screenshots(page, '04-annual-review-edited');

    // Draft streams in part by part.
    await watchDraftArrival(page);
    await review.getByRole('button', { name: '确认提纲，开始起草' }).click();
    const doc = widget.locator('article.doc');
    await widget.locator('.draft .actions').waitFor();
    const arrival = await draftArrival(page);
    expect(arrival.writing).toBeGreaterThanOrEqual(5);
    expect(arrival.statuses.some((s) => s.startsWith('正在起草'))).toBe(true);
    const text = await doc.innerText();
    for (const figure of ['37名', '6期', '135名', '4300人次', '97.1%', '46场次', '213处', '2025年12月20日']) expect(text).toContain(figure);
    expect(text).toContain('全面加强党的建设');
    expect(text).not.toContain('下一步工作打算');
    await screenshots(page, '05-annual-draft');

    // Edit the first section with a live preview; an added figure is flagged as unverified after saving.
    const part = doc.locator('section.part').nth(1);
    await part.getByRole('button', { name: /^编辑/ }).click();
    const area = part.locator('textarea');
    await area.press('End');
    await area.press('Control+End');
    await area.type('\n\n此外，新建党建示范点3个。');
    await expect.poll(() => part.locator('.preview').innerText()).toContain('新建党建示范点3个');
    await screenshots(page, '06-annual-edit');
    await part.getByRole('button', { name: '保存为新版本' }).click();
    await expect.poll(() => widget.locator('.toast').innerText()).toContain('已保存为第 2 版');
    const mark = doc.locator('mark.unverified', { hasText: '3个' });
    await expect.poll(() => mark.count()).toBe(1);
    await mark.focus();
    expect(await mark.getAttribute('title')).toMatch(/找不到/);
    await expect.poll(() => widget.locator('.notes').first().innerText()).toContain('3个');
    await screenshots(page, '07-annual-saved');

    const draftId = await page.evaluate(() => {
      const entry = Object.entries(localStorage).find(([key]) => key.startsWith('report-drafter:'));
      return entry ? JSON.parse(entry[1]).draft : null;
    });
    const stored = await (await fetch(`${live.server.origin}/api/drafts/${draftId}`)).json();
    expect(stored.version).toBe(2);
    expect(stored.markdown).toContain('此外，新建党建示范点3个。');

    // Export .md, .txt and .docx.
    for (const format of ['md', 'txt', 'docx']) {
      const [download] = await Promise.all([page.waitForEvent('download'), widget.getByRole('button', { name: `导出 .${format}` }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
      const file = readFileSync((await download.path())!);
      if (format === 'docx') expect(file.subarray(0, 2).toString()).toBe('PK');
      else expect(file.toString('utf8')).toContain('新建党建示范点3个');
    }

    // Reload: the draft comes back, version 2.
    await page.reload();
    await widget.locator('.draft .actions').waitFor();
    await expect.poll(() => widget.locator('.draft .status').innerText()).toContain('第 2 版');
    await expect.poll(() => doc.innerText()).toContain('新建党建示范点3个');
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('widget: work plan by keyboard only', () => {
  it('answers, reviews and drafts without the mouse', async () => {
    const page = await open('/?type=work-plan');
    const widget = widgetIn(page);
    await page.keyboard.press('Tab');
    await tabTo(page, (el) => el.tag === 'textarea');
    const send = async (text: string) => {
      const before = await widget.locator('.msg.bot').count();
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await widget.locator('.review').or(widget.locator('.msg.bot').nth(before)).first().waitFor();
    };
    await send('青河区教育局');
    await send('2025—2026学年第一学期');
    await send('教学管理、校园安全');
    await send('开展教学视导2轮；组织新教师培训120人次');
    await send('完成安全隐患排查48所学校');
    await screenshots(page, '11-plan-keyboard');
    // 跳过 with the keyboard: Shift+Tab from the box to the button, Enter.
    const before = await widget.locator('.msg.bot').count();
    await tabTo(page, (el) => el.text === '跳过', true);
    await page.keyboard.press('Enter');
    await widget.locator('.msg.bot').nth(before).waitFor();
    expect(await lastBot(widget)).toContain('跳过');
    await tabTo(page, (el) => el.tag === 'textarea');
    await send('完成');

    const review = widget.locator('.review');
    await review.waitFor();
    expect((await deepActive(page))?.text).toBe('确认提纲，开始起草');
    await tabTo(page, (el) => el.label === '第1部分的标题', true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('狠抓教学常规管理');
    await page.keyboard.press('Enter');
    await expect.poll(() => review.locator('ol.outline input').first().inputValue()).toBe('狠抓教学常规管理');
    await screenshots(page, '12-plan-review');
    await tabTo(page, (el) => el.text === '确认提纲，开始起草');
    await page.keyboard.press('Enter');
    await widget.locator('.draft .actions').waitFor();
    const text = await widget.locator('article.doc').innerText();
    for (const figure of ['2轮', '120人次', '48所']) expect(text).toContain(figure);
    expect(text).toContain('狠抓教学常规管理');
    expect(await widget.locator('mark.placeholder').count()).toBeGreaterThan(0);
    await widget.locator('.notes', { hasText: '待补充' }).waitFor({ state: 'visible' });
    await screenshots(page, '13-plan-draft');

    // Focus is visible: the focused button has an outline.
    await tabTo(page, (el) => el.text === '复制全文');
    const outline = await widget.getByRole('button', { name: '复制全文' }).evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
    await page.close();
  }, 120_000);
});

describe('widget: continuing and failing gracefully', () => {
  it('continues the conversation after a reload and retries when the server was unreachable', async () => {
    const page = await open('/?type=safety-summary');
    const widget = widgetIn(page);
    await answer(widget, '溪山县教育局');
    await answer(widget, '2025年');
    const transcript = await widget.locator('.msg').allInnerTexts();
    await page.reload();
    await widget.locator('.msg.bot').first().waitFor();
    await expect.poll(() => widget.locator('.msg').allInnerTexts()).toEqual(transcript);
    await expect.poll(() => widget.locator('.progress').innerText()).toContain('第 3 步，还剩 ');
    await screenshots(page, '21-reload-continues');

    // The server goes away: a clear message and 重试; the answer survives and is sent once it is back.
    await live.server.stop();
    const box = widget.locator('.composer textarea');
    await box.fill('消防安全、食品安全');
    await box.press('Enter');
    const alert = widget.locator('.alert');
    await alert.waitFor({ state: 'visible' });
    await expect.poll(() => alert.innerText()).toContain('无法连接服务器');
    await screenshots(page, '22-offline');
    await live.server.restart();
    const before = await widget.locator('.msg.bot').count();
    await alert.getByRole('button', { name: '重试' }).click();
    await widget.locator('.msg.bot').nth(before).waitFor();
    await alert.waitFor({ state: 'hidden' });
    await expect.poll(() => widget.locator('.progress').innerText()).toContain('“消防安全”的具体情况');
    await page.close();
  }, 90_000);

  it('Enter sends, Shift+Enter breaks the line, and Enter during IME composition never sends', async () => {
    const page = await open('/?type=annual-summary');
    const widget = widgetIn(page);
    const box = widget.locator('.composer textarea');
    await box.click();
    await page.keyboard.type('第一行');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('第二行');
    expect(await box.inputValue()).toBe('第一行\n第二行');
    // What an input method sends while composing: keydown Enter with isComposing, or keyCode 229.
    const sentDuringIme = await box.evaluate((el) => {
      const composing = new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true });
      const legacy = new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true, cancelable: true } as KeyboardEventInit);
      el.dispatchEvent(composing);
      el.dispatchEvent(legacy);
      return composing.defaultPrevented || legacy.defaultPrevented;
    });
    expect(sentDuringIme).toBe(false);
    expect(await box.inputValue()).toBe('第一行\n第二行');
    expect(await widget.locator('.msg.user').count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => widget.locator('.msg.user').count()).toBe(1);
    expect(await box.inputValue()).toBe('');
    await page.close();
  }, 60_000);
});
