/** The /docs handlers: the page (with its own Content-Security-Policy), its script and style as fixed answers, and an empty favicon. */
import type { Handler } from 'hono';
import type { AppEnv } from '../../router.js';
import { staticAnswer } from '../../static-answer.js';
import { CSS, PAGE, SCRIPT } from './docs.page.js';

export const page: Handler<AppEnv> = (c) =>
  c.html(PAGE, 200, { 'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'" });

export const script: Handler<AppEnv> = (c) => staticAnswer(c, SCRIPT, { contentType: 'text/javascript; charset=utf-8', cacheControl: 'no-cache' });

export const style: Handler<AppEnv> = (c) => staticAnswer(c, CSS, { contentType: 'text/css; charset=utf-8', cacheControl: 'no-cache' });

// Browsers ask for it on every page: an empty answer they may keep for a day, instead of a 404 each time.
export const favicon: Handler<AppEnv> = (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' });
