/** The widget's handlers: the script at its stable and at its hashed URL, the demo page (typed from widget.routes.ts) and its style. */
import type { Handler } from 'hono';
import { ApiError } from '../../errors.js';
import type { AppEnv, AppRouteHandler } from '../../router.js';
import { staticAnswer } from '../../static-answer.js';
import { DEMO_CSP, DEMO_CSS, demoPage } from './widget.page.js';
import type * as routes from './widget.routes.js';

/** A year, for URLs that change whenever their content does. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
// Other sites load the script with a plain <script> tag.
const SCRIPT_HEADERS = { contentType: 'text/javascript; charset=utf-8', headers: { 'Cross-Origin-Resource-Policy': 'cross-origin' } };

export const script: AppRouteHandler<typeof routes.script> = (c) => {
  const { widget } = c.get('deps');
  if (!widget) throw new ApiError(404, 'not_found', '此部署的小部件脚本由静态资源提供（dist/assets/widget.js）');
  // A stable URL for embedding: short cache, then revalidated by ETag.
  return staticAnswer(c, widget.script, { ...SCRIPT_HEADERS, cacheControl: 'public, max-age=300, stale-while-revalidate=86400' }) as never;
};

// The same script at a URL that names its content (the demo page uses it): cached for a year, never revalidated.
export const hashedScript: Handler<AppEnv, '/widget/:file'> = (c) => {
  const { widget } = c.get('deps');
  if (!widget) throw new ApiError(404, 'not_found', '此部署的小部件脚本由静态资源提供（dist/assets/widget/）');
  if (c.req.param('file') !== `${widget.hash}.js`) throw new ApiError(404, 'not_found', '没有这个版本的小部件脚本，请使用 /widget.js');
  return staticAnswer(c, widget.script, { ...SCRIPT_HEADERS, cacheControl: IMMUTABLE });
};

export const page: AppRouteHandler<typeof routes.page> = (c) => {
  const { reportTypes, widget } = c.get('deps');
  const types = [...reportTypes.values()].map((t) => ({ id: t.id, name: t.name }));
  const asked = c.req.valid('query').type;
  const type = asked && reportTypes.has(asked) ? asked : (types[0]?.id ?? 'annual-summary');
  const scriptUrl = widget ? `/widget/${widget.hash}.js` : '/widget.js';
  return c.html(demoPage(types, type, new URL(c.req.url).origin, scriptUrl), 200, { 'Content-Security-Policy': DEMO_CSP, 'Cache-Control': 'no-cache' }) as never;
};

export const demoStyle: Handler<AppEnv> = (c) => staticAnswer(c, DEMO_CSS, { contentType: 'text/css; charset=utf-8', cacheControl: 'public, max-age=300' });
