/**
 * Browser test harness: the real app served over loopback by @hono/node-server (in-memory store, offline
 * composer), Debian's Chromium driven by playwright-core, and screenshots at 1280 px and 375 px.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { build } from '../../scripts/build-widget.js';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface Served {
  origin: string;
  port: number;
  /** Stops answering (connections dropped), as a crashed or unreachable server would. */
  stop(): Promise<void>;
  /** Answers again on the same port, with the same store. */
  restart(): Promise<void>;
}

function listen(fetch: (req: Request) => Response | Promise<Response>, port = 0): Promise<Server> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolve(server as Server)) as Server;
  });
}

let widgetBuilt: Promise<unknown> | undefined;

/** Serves the real app (createTestApp) on 127.0.0.1 at a free port; `model` drafts with the model env names. */
export async function serveApp(env: Record<string, string> = {}, options: { model?: boolean } = {}): Promise<Served> {
  // Build the widget first so the tests never run a stale bundle, then load the app that serves it.
  widgetBuilt ??= build();
  await widgetBuilt;
  const { createTestApp } = await import('../helpers/app.js');
  const { app } = await createTestApp({ env, ...options });
  let server = await listen(app.fetch);
  const port = (server.address() as AddressInfo).port;
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    stop,
    restart: async () => {
      server = await listen(app.fetch, port);
    },
  };
}

/**
 * The app and Chromium for a test file: started before its tests, closed after. Read them from the returned
 * object inside tests (they are set once `beforeAll` has run).
 * @example const live = appAndBrowser(); … await live.browser.newPage(); live.server.origin
 */
export function appAndBrowser(): { server: Served; browser: Browser } {
  const live = {} as { server: Served; browser: Browser };
  beforeAll(async () => {
    live.server = await serveApp();
    live.browser = await launchChromium();
  });
  afterAll(async () => {
    await live.browser?.close();
    await live.server?.stop();
  });
  return live;
}

/** A plain static server for a host page on another origin (the embedding site). */
export async function serveHostPage(page: () => { html: string; headers?: Record<string, string> }): Promise<{ origin: string; close(): Promise<void> }> {
  const server = await listen(() => {
    const { html, headers } = page();
    return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const SHOTS = new URL('../../test-results/widget/', import.meta.url).pathname;

/** Saves the page at 1280 px and at 375 px wide, then puts the viewport back. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.waitForTimeout(80);
    await page.screenshot({ path: `${SHOTS}${name}-${width}.png` });
  }
  await page.setViewportSize(before);
}

/**
 * Records anything that would show an XSS ran: dialogs, and page errors.
 * @example const seen = watchForScript(page); …; expect(seen.dialogs).toEqual([])
 */
export function watchForScript(page: Page) {
  const seen = { dialogs: [] as string[], errors: [] as string[] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}
