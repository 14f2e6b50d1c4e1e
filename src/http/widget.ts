/** GET /widget.js (the embeddable widget, built by scripts/build-widget.ts), GET / (a demo page that embeds it), GET /demo.css. */
import { createRoute, z } from '@hono/zod-openapi';
import { ApiError, errorBodySchema } from './errors.js';
import { escapeHtml } from '../render/html.js';
import { createRouter } from './router.js';
import { staticAnswer } from './static-answer.js';

/** A year, for URLs that change whenever their content does. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
// Other sites load the script with a plain <script> tag.
const SCRIPT_HEADERS = { contentType: 'text/javascript; charset=utf-8', headers: { 'Cross-Origin-Resource-Policy': 'cross-origin' } };

/** The demo page runs no inline script or style: the strictest policy a host could set, proving the widget needs no more. */
export const DEMO_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const DEMO_CSS = `body{margin:0;font:16px/1.7 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;color:#1f2933;background:#f5f7fa}
.wrap{max-width:1040px;margin:0 auto;padding:20px 16px 96px}
h1{font-size:24px;margin:8px 0}p{margin:6px 0}
.lead{color:#52606d}
form{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:14px 0;padding:12px;background:#fff;border:1px solid #d5dbe3;border-radius:8px}
select,button{font:inherit;padding:6px 10px;border-radius:6px;border:1px solid #9aa5b1;background:#fff}
button{background:#1d4ed8;color:#fff;border-color:#1d4ed8;cursor:pointer}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:20px;align-items:start}
@media (max-width:860px){.cols{grid-template-columns:1fr}}
pre{background:#1f2933;color:#e4e7eb;padding:10px 12px;border-radius:8px;overflow-x:auto;font-size:13px;white-space:pre-wrap;word-break:break-all}
h2{font-size:18px;margin:18px 0 6px}ul{padding-left:20px}`;

const pageRoute = createRoute({
  method: 'get',
  path: '/',
  operationId: 'demoPage',
  security: [],
  summary: '演示页：嵌入了起草助手小部件',
  request: { query: z.object({ type: z.string().max(64).optional().openapi({ example: 'annual-summary' }) }) },
  responses: {
    200: { description: '演示页（HTML）', content: { 'text/html': { schema: z.string() } } },
    400: { description: '参数有误', content: { 'application/json': { schema: errorBodySchema } } },
  },
});

const scriptRoute = createRoute({
  method: 'get',
  path: '/widget.js',
  operationId: 'widgetScript',
  security: [],
  summary: '可嵌入网页的起草助手小部件（一个脚本）',
  description:
    '在网页中用 script 元素加载本脚本：属性 data-endpoint 为起草服务地址，data-type 为报告类型编号，data-mode 为 bubble（浮动按钮）或 inline（配合 data-target 嵌入指定元素）；也可写自定义元素 report-drafter。',
  responses: {
    200: { description: '脚本', content: { 'text/javascript': { schema: z.string() } } },
    304: { description: '未修改（ETag 相同）' },
    404: { description: '此部署由静态资源提供脚本', content: { 'application/json': { schema: errorBodySchema } } },
  },
});

function demoPage(types: { id: string; name: string }[], type: string, origin: string, script: string): string {
  const options = types
    .map((t) => `<option value="${escapeHtml(t.id)}"${t.id === type ? ' selected' : ''}>${escapeHtml(t.name)}</option>`)
    .join('');
  const snippet = `<script src="${origin}/widget.js"\n        data-endpoint="${origin}" data-type="${type}"\n        data-mode="bubble" defer></script>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>公文起草助手 · 演示</title>
<link rel="stylesheet" href="/demo.css">
<script src="${escapeHtml(script)}" data-type="${escapeHtml(type)}" data-mode="bubble" defer></script>
</head>
<body>
<div class="wrap">
<h1>公文起草助手</h1>
<p class="lead">回答几个问题，助手整理出事实和提纲，再起草一份符合公文体例的工作总结、工作计划或工作要点。稿中的每一个数字都来自你的回答；没有提供的内容标为【待补充】，不会编造。</p>
<form method="get" action="/">
<label for="type">报告类型</label>
<select id="type" name="type">${options}</select>
<button type="submit">切换</button>
</form>
<div class="cols">
<section aria-label="嵌入在页面中的起草助手">
<report-drafter type="${escapeHtml(type)}" mode="inline"></report-drafter>
</section>
<section>
<h2>怎么用</h2>
<ul>
<li>逐条回答问题，可以一次说几件事；数字照实写。</li>
<li>“上一步”撤销上一个回答，“跳过”跳过选答题，“完成”直接进入核对。</li>
<li>核对提纲时可以改标题、调整顺序、删除部分。</li>
<li>稿件逐段生成；红色数字需要核实，黄色是待补充的内容。</li>
</ul>
<h2>嵌入到你的网页</h2>
<p>右下角的“起草助手”按钮就是浮动模式。在任何页面加一行：</p>
<pre>${escapeHtml(snippet)}</pre>
<p>或嵌入指定位置：<code>data-mode="inline" data-target="#容器"</code>，也可以直接写 <code>&lt;report-drafter type="work-plan" mode="inline"&gt;&lt;/report-drafter&gt;</code>。</p>
</section>
</div>
</div>
</body>
</html>`;
}

export function widgetRoutes() {
  const router = createRouter();
  router.openapi(scriptRoute, (c) => {
    const { widget } = c.get('deps');
    if (!widget) throw new ApiError(404, 'not_found', '此部署的小部件脚本由静态资源提供（dist/assets/widget.js）');
    // A stable URL for embedding: short cache, then revalidated by ETag.
    return staticAnswer(c, widget.script, { ...SCRIPT_HEADERS, cacheControl: 'public, max-age=300, stale-while-revalidate=86400' }) as never;
  });

  // The same script at a URL that names its content (the demo page uses it): cached for a year, never revalidated.
  router.get('/widget/:file', (c) => {
    const { widget } = c.get('deps');
    if (!widget) throw new ApiError(404, 'not_found', '此部署的小部件脚本由静态资源提供（dist/assets/widget/）');
    if (c.req.param('file') !== `${widget.hash}.js`) throw new ApiError(404, 'not_found', '没有这个版本的小部件脚本，请使用 /widget.js');
    return staticAnswer(c, widget.script, { ...SCRIPT_HEADERS, cacheControl: IMMUTABLE });
  });

  router.openapi(pageRoute, (c) => {
    const { reportTypes, widget } = c.get('deps');
    const types = [...reportTypes.values()].map((t) => ({ id: t.id, name: t.name }));
    const asked = c.req.valid('query').type;
    const type = asked && reportTypes.has(asked) ? asked : (types[0]?.id ?? 'annual-summary');
    const script = widget ? `/widget/${widget.hash}.js` : '/widget.js';
    return c.html(demoPage(types, type, new URL(c.req.url).origin, script), 200, { 'Content-Security-Policy': DEMO_CSP, 'Cache-Control': 'no-cache' }) as never;
  });

  router.get('/demo.css', (c) => staticAnswer(c, DEMO_CSS, { contentType: 'text/css; charset=utf-8', cacheControl: 'public, max-age=300' }));
  return router;
}
