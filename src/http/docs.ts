/** GET /docs: a page that lists every route of /openapi.json and lets a person try it. Self-contained, no CDN. */
import { createRouter } from './router.js';

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>公文起草助手 · 接口文档</title>
<link rel="stylesheet" href="/docs.css">
</head>
<body>
<header><h1>公文起草助手 · 接口文档</h1><p>以下接口由 <a href="/openapi.json">/openapi.json</a> 描述。展开一个接口，填写参数后点“发送”即可试用。</p></header>
<main id="ops" aria-live="polite">正在加载接口说明……</main>
<script src="/docs.js" defer></script>
</body>
</html>`;

const CSS = `body{font:15px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:960px;padding:16px;color:#1f2328}
h1{font-size:22px}details{border:1px solid #d0d7de;border-radius:6px;margin:8px 0;padding:8px 12px}
summary{cursor:pointer}code.m{display:inline-block;min-width:4em;font-weight:bold}textarea,input{width:100%;box-sizing:border-box;font:13px monospace}
textarea{min-height:8em}button{margin:6px 0;padding:4px 14px}pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:24em;white-space:pre-wrap}
:focus-visible{outline:3px solid #0969da;outline-offset:2px}`;

const SCRIPT = `(async () => {
  const main = document.getElementById('ops');
  const spec = await (await fetch('/openapi.json')).json();
  main.textContent = '';
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const d = document.createElement('details');
      const s = document.createElement('summary');
      const m = document.createElement('code'); m.className = 'm'; m.textContent = method.toUpperCase();
      s.append(m, ' ', path, ' — ', op.summary || '');
      d.append(s);
      if (op.description) { const p = document.createElement('p'); p.textContent = op.description; d.append(p); }
      const fields = {};
      for (const prm of op.parameters || []) {
        const l = document.createElement('label'); l.textContent = prm.name + '（' + (prm.in === 'path' ? '路径' : '查询') + '）';
        const i = document.createElement('input'); i.value = (prm.schema && prm.schema.example) || prm.example || '';
        fields[prm.name] = { input: i, where: prm.in }; l.append(i); d.append(l);
      }
      let body;
      if (op.requestBody) {
        const l = document.createElement('label'); l.textContent = '请求体（JSON）';
        body = document.createElement('textarea'); body.value = '{}'; l.append(body); d.append(l);
      }
      const b = document.createElement('button'); b.type = 'button'; b.textContent = '发送';
      const out = document.createElement('pre');
      b.addEventListener('click', async () => {
        let url = path; const q = new URLSearchParams();
        for (const [name, f] of Object.entries(fields)) {
          if (f.where === 'path') url = url.replace('{' + name + '}', encodeURIComponent(f.input.value));
          else if (f.input.value) q.set(name, f.input.value);
        }
        if ([...q].length) url += '?' + q;
        out.textContent = '发送中……';
        try {
          const r = await fetch(url, { method: method.toUpperCase(), headers: body ? { 'content-type': 'application/json' } : {}, body: body ? body.value : undefined });
          const t = await r.text();
          out.textContent = r.status + ' ' + r.statusText + '\\n\\n' + t;
        } catch (e) { out.textContent = '请求失败：' + e; }
      });
      d.append(b, out);
      main.append(d);
    }
  }
})();`;

export function docsRoutes() {
  const router = createRouter();
  router.get('/docs', (c) =>
    c.html(PAGE, 200, { 'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'" }),
  );
  router.get('/docs.js', (c) => c.body(SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  router.get('/docs.css', (c) => c.body(CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  return router;
}
