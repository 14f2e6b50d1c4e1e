/**
 * The widget where it is attacked: facts that carry markup and `javascript:` links never run, in the review, the
 * draft or the editor's preview; a host page on another origin with hostile CSS and a strict CSP leaves it usable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshots, serveApp, serveHostPage, watchForScript, type Served } from './harness.js';
import { answer, widgetIn } from './widget-driver.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Nothing that would show a script ran: no <img>/<script>/<iframe>, no javascript: link, no inline handler. */
async function executableBits(page: import('playwright-core').Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const host of document.querySelectorAll('report-drafter')) {
      const root = host.shadowRoot!;
      for (const el of root.querySelectorAll('*')) {
        if (/^(IMG|SCRIPT|IFRAME|OBJECT|EMBED|SVG)$/i.test(el.tagName)) out.push(el.tagName);
        for (const attr of el.getAttributeNames()) if (/^on/i.test(attr)) out.push(`${el.tagName}@${attr}`);
        const href = el.getAttribute('href');
        if (href && /^\s*javascript:/i.test(href)) out.push(`href=${href}`);
      }
    }
    return out;
  });
}

describe('widget: hostile facts', () => {
  let server: Served;
  beforeAll(async () => {
    server = await serveApp();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('shows markup and javascript: links typed as facts as text, and never runs them', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const seen = watchForScript(page);
    await page.goto(`${server.origin}/?type=safety-summary`);
    const widget = widgetIn(page);
    await widget.locator('.msg.bot').first().waitFor();
    await answer(widget, '溪山县教育局');
    await answer(widget, '2025年');
    await answer(widget, '校园安全');
    await answer(
      widget,
      '<img src=x onerror=alert(1)>开展消防演练46场次\n<script>window.pwned=1</script>排查整改隐患213处\n[点此查看](javascript:window.pwned=2) 安装一键报警装置58套',
    );
    await answer(widget, '完成');
    const review = widget.locator('.review');
    await review.waitFor();
    expect(await review.locator('dl.facts').innerText()).toContain('<img src=x onerror=alert(1)>');
    expect(await executableBits(page)).toEqual([]);

    await review.getByRole('button', { name: '确认提纲，开始起草' }).click();
    await widget.locator('.draft .actions').waitFor();
    const text = await widget.locator('article.doc').innerText();
    for (const figure of ['46场次', '213处', '58套']) expect(text).toContain(figure);
    expect(text).toContain('onerror');
    await screenshots(page, '31-hostile-facts-draft');

    // The editor's live preview gets raw HTML and a javascript: link typed straight in.
    const part = widget.locator('article.doc section.part').nth(1);
    await part.getByRole('button', { name: /^编辑/ }).click();
    const area = part.locator('textarea');
    await area.press('Control+End');
    await area.type('\n\n<img src=x onerror="window.pwned=3"> <a href="javascript:window.pwned=4">点我</a> [链接](javascript:window.pwned=5)');
    await part.locator('.preview').getByText('点我').first().waitFor();
    expect(await executableBits(page)).toEqual([]);
    await part.getByRole('button', { name: '保存为新版本' }).click();
    await widget.locator('.toast', { hasText: '第 2 版' }).waitFor();
    // Click every link-looking thing in the draft: nothing navigates, nothing runs.
    for (const candidate of await widget.locator('article.doc').getByText(/点我|链接|点此查看/).all()) await candidate.click();
    expect(await executableBits(page)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned)).toBeUndefined();
    expect(seen.dialogs).toEqual([]);
    expect(page.url()).toContain(server.origin);
    await page.close();
  }, 90_000);
});

describe('widget: hostile host page on another origin', () => {
  let app: Served;
  let host: { origin: string; close(): Promise<void> };
  let appOrigin = '';

  beforeAll(async () => {
    host = await serveHostPage(() => ({
      headers: {
        // The host's own strict policy: scripts and API calls only from the widget's server, no inline styles at all.
        'Content-Security-Policy': `default-src 'none'; script-src ${appOrigin}; connect-src ${appOrigin}; style-src 'self'`,
      },
      html: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>内网门户</title>
<style>
* { all: unset !important; }
html, body { font-size: 72px !important; line-height: 3 !important; }
div, p, span { z-index: 2147483647 !important; position: relative !important; }
.banner { position: fixed !important; left: 0 !important; right: 0 !important; top: 0 !important; height: 120px !important; z-index: 2147483647 !important; }
</style>
<script src="${appOrigin}/widget.js" data-endpoint="${appOrigin}" data-type="annual-summary" data-mode="bubble" defer></script>
<script src="${appOrigin}/widget.js" data-endpoint="${appOrigin}" data-type="key-points" data-mode="inline" data-target="#slot" defer></script>
</head><body><div class="banner">门户通知：本周五系统维护</div><p>欢迎访问内网门户。这里的样式很不友好。</p><div id="slot"></div></body></html>`,
    }));
    // The app allows the host's origin (ALLOWED_ORIGINS), so the widget's calls pass CORS.
    app = await serveApp({ ALLOWED_ORIGINS: host.origin });
    appOrigin = app.origin;
  });
  afterAll(async () => {
    await host?.close();
    await app?.stop();
  });

  it('keeps the widget styled, on top and working: bubble and inline', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const seen = watchForScript(page);
    await page.goto(host.origin);
    const bubble = widgetIn(page, 'report-drafter[mode=bubble]');
    const launcher = bubble.locator('button.launcher');
    await launcher.waitFor();
    // On top of the host's z-index war: the point at the launcher's centre belongs to the widget.
    const box = (await launcher.boundingBox())!;
    expect(box.height).toBeLessThan(80);
    const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    expect(onTop).toBe('REPORT-DRAFTER');
    await launcher.click();
    await bubble.locator('.msg.bot').first().waitFor();
    const size = await bubble.locator('.msg.bot').first().evaluate((el) => getComputedStyle(el).fontSize);
    expect(size).toBe('15px');
    await answer(bubble, '青河区教育局');
    expect(await bubble.locator('.progress').innerText()).toContain('第 2 步，还剩 ');
    await screenshots(page, '41-hostile-host-bubble');
    await bubble.getByRole('button', { name: '关闭起草助手' }).click();
    await bubble.locator('section.rd').waitFor({ state: 'hidden' });

    const inline = widgetIn(page, 'report-drafter[mode=inline]');
    await inline.locator('.msg.bot').first().waitFor();
    await answer(inline, '溪山县教育局');
    await answer(inline, '2026年');
    expect(await inline.locator('.progress').innerText()).toContain('第 3 步，还剩 ');
    expect(await inline.locator('header h2').innerText()).toContain('工作要点');
    await screenshots(page, '42-hostile-host-inline');
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('is refused by the API from an origin that is not allowed, and says so instead of offering to retry', async () => {
    // Another port on 127.0.0.1 is another origin, not in ALLOWED_ORIGINS.
    const stranger = await serveHostPage(() => ({
      html: `<!doctype html><html><head><meta charset="utf-8"><script src="${appOrigin}/widget.js" data-type="annual-summary" data-mode="inline" data-endpoint="${appOrigin}" defer></script></head><body></body></html>`,
    }));
    const page = await browser.newPage();
    const refusals: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/api/sessions') && response.request().method() === 'POST') refusals.push(response.status());
    });
    await page.goto(stranger.origin);
    const widget = widgetIn(page);
    const said = widget.locator('.msg.bot', { hasText: 'ALLOWED_ORIGINS' });
    await said.waitFor({ state: 'visible' });
    expect(await said.innerText()).toContain('本网站未获准使用起草助手，请联系管理员把本站地址加入 ALLOWED_ORIGINS');
    // A setting to fix, not a network fault: no “重试” alert, and the request was made once.
    expect(await widget.locator('.alert').isVisible()).toBe(false);
    await page.waitForTimeout(500);
    expect(refusals).toEqual([403]);
    await screenshots(page, '43-origin-not-allowed');
    await page.close();
    await stranger.close();
  }, 30_000);
});
