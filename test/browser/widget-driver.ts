/** Drives one widget on a page the way a person would: typing answers, pressing buttons, reading what it shows. */
import type { Locator, Page } from 'playwright-core';

/** The widget element; playwright's CSS and role locators pierce its open shadow root. */
export const widgetIn = (page: Page, selector = 'report-drafter[mode=inline]') => page.locator(selector);

/** Waits for the next assistant message, or for the review view when the interview is over. */
export async function nextReply(widget: Locator, before: number): Promise<void> {
  await widget.locator('.review').or(widget.locator('.msg.bot').nth(before)).first().waitFor({ timeout: 15_000 });
}

/** Types an answer into the box and sends it with Enter. */
export async function answer(widget: Locator, text: string): Promise<void> {
  const before = await widget.locator('.msg.bot').count();
  const box = widget.locator('.composer textarea');
  await box.fill(text);
  await box.press('Enter');
  await nextReply(widget, before);
}

/** Presses one of the chat buttons (跳过, 上一步, 完成) with the mouse. */
export async function press(widget: Locator, name: string): Promise<void> {
  const before = await widget.locator('.msg.bot').count();
  await widget.getByRole('button', { name, exact: true }).click();
  await nextReply(widget, before);
}

/** The last assistant message's text. */
export const lastBot = (widget: Locator) => widget.locator('.msg.bot').last().innerText();

/** The element that has focus, looking inside shadow roots. */
export function deepActive(page: Page) {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? { tag: el.tagName.toLowerCase(), text: (el.textContent ?? '').trim(), label: el.getAttribute('aria-label') ?? '' } : null;
  });
}

/** Presses Tab (or Shift+Tab) until the focused element matches; keyboard only, no clicks. */
export async function tabTo(page: Page, match: (el: { tag: string; text: string; label: string }) => boolean, back = false): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const el = await deepActive(page);
    if (el && match(el)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error('could not reach the element with the keyboard');
}

/** Records the draft arriving: how many part blocks were added while it was still being written. */
export function watchDraftArrival(page: Page, selector = 'report-drafter[mode=inline]') {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel)!.shadowRoot!;
    const seen = { writing: 0, statuses: [] as string[] };
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node instanceof HTMLElement && node.matches('.part.writing')) seen.writing++;
        }
      }
      const status = root.querySelector('.draft .status')?.textContent;
      if (status && seen.statuses[seen.statuses.length - 1] !== status) seen.statuses.push(status);
    }).observe(root, { childList: true, subtree: true, characterData: true });
    (document as unknown as { __draftArrival: typeof seen }).__draftArrival = seen;
  }, selector);
}

export const draftArrival = (page: Page) =>
  page.evaluate(() => (document as unknown as { __draftArrival: { writing: number; statuses: string[] } }).__draftArrival);

/** The draft id the widget remembers for its page (what a reload opens again). */
export const rememberedDraft = (page: Page): Promise<string | null> =>
  page.evaluate(() => {
    const entry = Object.entries(localStorage).find(([key]) => key.startsWith('report-drafter:'));
    return entry ? JSON.parse(entry[1]).draft ?? null : null;
  });

/** Each part of the finished draft as the reader sees it, without its tools (编辑, 改写…). */
export const partTexts = (widget: Locator): Promise<string[]> =>
  widget.locator('article.doc section.part').evaluateAll((parts) => parts.map((part) => (part.firstElementChild as HTMLElement).innerText.trim()));
