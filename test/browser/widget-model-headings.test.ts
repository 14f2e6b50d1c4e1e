/**
 * The widget shows the headings a model writes for its parts while the draft is still being written: in Chromium,
 * the real Node app drafting with a scripted OpenAI-compatible server on 127.0.0.1 that names each work area
 * and holds back the closing, so the draft is visibly unfinished when the headings are checked (answers are read
 * by the offline parser).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { factsIn, pieceOf, startFakeOpenAI, type FakeOpenAI, type SeenRequest } from '../helpers/fake-openai-server.js';
import { launchChromium, serveApp, type Served } from './harness.js';
import { answer, press, widgetIn } from './widget-driver.js';

/** The heading the scripted model gives each work area, by a word of its topic. */
const MODEL_HEADINGS: Array<[RegExp, string]> = [
  [/党建/, '坚持党建引领凝聚发展合力'],
  [/教师/, '建强教师队伍夯实育人根基'],
];
const CLOSING_HOLD_MS = 6_000;

function script(r: SeenRequest) {
  const piece = pieceOf(r);
  if (piece === 'closing') return { text: '新的一年，我们将继续扎实工作。', chunks: ['新的一年，我们将继续扎实工作。'], delayMs: CLOSING_HOLD_MS };
  const facts = factsIn(r.user).map((f) => f.replace(/[。；]+$/, ''));
  const body = facts.length ? `${facts.join('；')}。` : '全区各项工作稳步推进。';
  const topic = r.user.match(/撰写“([^”]+)”/)?.[1] ?? '';
  const heading = MODEL_HEADINGS.find(([word]) => word.test(topic))?.[1];
  const wantsHeading = r.user.includes('请在第一行只写这一部分的小标题');
  return { text: wantsHeading && heading ? `${heading}\n\n${body}` : body, chunkChars: 6 };
}

let model: FakeOpenAI;
let server: Served;
let browser: Browser;

beforeAll(async () => {
  model = await startFakeOpenAI(script);
  server = await serveApp({ OPENAI_BASE_URL: model.baseURL, OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'fake-model', LLM_TIMEOUT_MS: '20000' }, { model: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await model?.close();
});

describe('the widget with a model', () => {
  it('shows each part under the heading the model wrote, before the whole draft is done', { timeout: 90_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.origin}/?type=annual-summary`);
    const widget = widgetIn(page);
    await widget.locator('.msg.bot').first().waitFor();
    await answer(widget, '青河区教育局');
    await answer(widget, '2025年');
    await answer(widget, '党建工作、教师队伍建设');
    await answer(widget, '新发展党员37名；开展专题读书班6期');
    await answer(widget, '公开招聘教师135名；组织全员培训4300人次');
    await press(widget, '完成');
    await widget.locator('.review').getByRole('button', { name: '确认提纲，开始起草' }).click();

    const doc = widget.locator('article.doc');
    // The closing is still held by the model: the draft is being written, and the parts already carry the model's words.
    await expect.poll(() => doc.locator('h2').allInnerTexts(), { timeout: CLOSING_HOLD_MS - 1_000 }).toEqual(
      expect.arrayContaining([expect.stringContaining('坚持党建引领凝聚发展合力'), expect.stringContaining('建强教师队伍夯实育人根基')]),
    );
    expect(await doc.getAttribute('aria-busy')).toBe('true');
    // Numbered by the program, not by the model.
    const headings = await doc.locator('h2').allInnerTexts();
    expect(headings.find((h) => h.includes('坚持党建引领'))).toMatch(/^[一二三四五六七八九十]+、坚持党建引领凝聚发展合力$/);

    await expect.poll(() => doc.getAttribute('aria-busy'), { timeout: CLOSING_HOLD_MS + 20_000 }).toBe('false');
    const final = await doc.innerText();
    for (const figure of ['37名', '6期', '135名', '4300人次']) expect(final).toContain(figure);
    expect(final).toContain('建强教师队伍夯实育人根基');
    await page.close();
  });
});
