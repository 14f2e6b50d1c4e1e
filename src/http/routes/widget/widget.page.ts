/** The demo page (GET /) and its style (GET /demo.css): the widget embedded twice, as a bubble and inline, under the strictest policy a host could set. */
import { escapeHtml } from '../../../render/html.js';

/** The demo page runs no inline script or style: the strictest policy a host could set, proving the widget needs no more. */
export const DEMO_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export const DEMO_CSS = `body{margin:0;font:16px/1.7 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;color:#1f2933;background:#f5f7fa}
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

/** The page: a choice of report type, the widget inline beside how to use and embed it, the bubble in the corner. */
export function demoPage(types: { id: string; name: string }[], type: string, origin: string, script: string): string {
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
