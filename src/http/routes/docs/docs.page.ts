/** The /docs page, its script and its style: self-contained (no CDN), it lists every route of /openapi.json and lets a person try it. */

/** The page: the key field, then the operations, which SCRIPT fills in from /openapi.json. */
export const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>公文起草助手 · 接口文档</title>
<link rel="stylesheet" href="/docs.css">
</head>
<body>
<header><h1>公文起草助手 · 接口文档</h1><p>以下接口由 <a href="/openapi.json">/openapi.json</a> 描述。展开一个接口，填写参数后点“发送”即可试用。</p>
<label>API 密钥（部署设置了 API_KEYS 时，工具接口需要；留空则不发送 Authorization）<input id="key" type="password" autocomplete="off" placeholder="Bearer 后面的密钥"></label></header>
<main id="ops" aria-live="polite">正在加载接口说明……</main>
<script src="/docs.js" defer></script>
</body>
</html>`;

export const CSS = `body{font:15px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:960px;padding:16px;color:#1f2328}
h1{font-size:22px}details{border:1px solid #d0d7de;border-radius:6px;margin:8px 0;padding:8px 12px}label{display:block;margin:6px 0}
summary{cursor:pointer}code.m{display:inline-block;min-width:4em;font-weight:bold}textarea,input,select{width:100%;box-sizing:border-box;font:13px monospace}
input[type=file]{font:inherit}textarea{min-height:8em}button{margin:6px 0;padding:4px 14px}pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:24em;white-space:pre-wrap}
p code{background:#f6f8fa;padding:0 3px;border-radius:3px}:focus-visible{outline:3px solid #0969da;outline-offset:2px}`;

/**
 * The page's script: each operation with its parameters (ids left empty: a made-up id only answers 404), its
 * body prefilled from the document's example, an Accept choice from its answers, a file field where it takes an
 * upload; answers shown as text, streamed as they come (SSE), or offered as a download (Word, files).
 */
export const SCRIPT = String.raw`(async () => {
  const main = document.getElementById('ops');
  const keyInput = document.getElementById('key');
  const spec = await (await fetch('/openapi.json')).json();
  const el = (tag, props, ...children) => { const e = Object.assign(document.createElement(tag), props || {}); e.append(...children); return e; };
  const resolve = (schema) => { let s = schema || {}; for (let i = 0; s.$ref && i < 10; i++) s = spec.components.schemas[s.$ref.split('/').pop()] || {}; return s; };
  /** An example body from the schema's own examples (first enum value, default), nested objects included. */
  const exampleOf = (schema, depth) => {
    const s = resolve(schema);
    if (s.example !== undefined) return s.example;
    if (s.default !== undefined) return s.default;
    if (s.enum) return s.enum[0];
    if (depth > 4) return undefined;
    if (s.type === 'object' && s.properties) {
      const out = {};
      for (const [name, prop] of Object.entries(s.properties)) {
        const value = exampleOf(prop, depth + 1);
        if (value !== undefined && ((s.required || []).includes(name) || resolve(prop).example !== undefined)) out[name] = value;
      }
      return out;
    }
    return undefined;
  };
  /** Description text with its code spans as code elements, not raw backticks. */
  const prose = (text) => { const p = el('p'); String(text).split('` + '`' + String.raw`').forEach((part, i) => p.append(i % 2 ? el('code', { textContent: part }) : part)); return p; };
  const accepts = (op) => { const types = []; for (const [status, r] of Object.entries(op.responses || {})) if (/^2/.test(status)) for (const t of Object.keys(r.content || {})) if (!types.includes(t)) types.push(t); return types.sort((a, b) => (b === 'application/json') - (a === 'application/json')); };
  main.textContent = '';
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const d = el('details');
      d.append(el('summary', {}, el('code', { className: 'm', textContent: method.toUpperCase() }), ' ', path, ' — ', op.summary || ''));
      if (op.description) d.append(prose(op.description));
      const fields = {};
      for (const prm of op.parameters || []) {
        const schema = resolve(prm.schema);
        const input = schema.enum ? el('select', {}, ...(prm.required ? [] : [el('option', { value: '', textContent: '（不填）' })]), ...schema.enum.map((v) => el('option', { value: v, textContent: v }))) : el('input', { value: prm.in === 'path' ? '' : String(prm.example ?? schema.example ?? ''), placeholder: prm.description || schema.description || '' });
        fields[prm.name] = { input, where: prm.in };
        d.append(el('label', { textContent: prm.name + '（' + (prm.in === 'path' ? '路径' : '查询') + '）' }, input));
      }
      const content = (op.requestBody && op.requestBody.content) || {};
      let body, file, mode;
      if (content['application/json']) {
        const media = content['application/json'];
        const example = media.example !== undefined ? media.example : exampleOf(media.schema, 0);
        body = el('textarea', { value: JSON.stringify(example === undefined ? {} : example, null, 2) });
        d.append(el('label', { textContent: '请求体（JSON）' }, body));
      }
      if (content['multipart/form-data']) {
        file = el('input', { type: 'file', accept: '.docx,.txt,.md' });
        d.append(el('label', { textContent: '或上传文件（multipart/form-data，字段 file；选了文件就上传文件）' }, file));
      }
      const types = accepts(op);
      const accept = el('select', {}, ...types.map((t) => el('option', { value: t, textContent: t })));
      if (types.length > 1) d.append(el('label', { textContent: '希望的回答格式（Accept）' }, accept));
      const b = el('button', { type: 'button', textContent: '发送' });
      const out = el('pre');
      const link = el('p');
      b.addEventListener('click', async () => {
        let url = path; const q = new URLSearchParams();
        for (const [name, f] of Object.entries(fields)) {
          if (f.where === 'path') url = url.replace('{' + name + '}', encodeURIComponent(f.input.value));
          else if (f.input.value) q.set(name, f.input.value);
        }
        if ([...q].length) url += '?' + q;
        const headers = {};
        if (types.length) headers.accept = accept.value || types[0];
        if (keyInput.value.trim()) headers.authorization = 'Bearer ' + keyInput.value.trim();
        let payload;
        if (file && file.files.length) { payload = new FormData(); payload.append('file', file.files[0]); }
        else if (body) { payload = body.value; headers['content-type'] = 'application/json'; }
        out.textContent = '发送中……'; link.textContent = '';
        try {
          const r = await fetch(url, { method: method.toUpperCase(), headers, body: payload });
          const type = r.headers.get('content-type') || '';
          const head = r.status + ' ' + r.statusText + '  ' + type + '\n\n';
          if (/event-stream/.test(type) && r.body) {
            out.textContent = head;
            const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
            for (;;) { const { value, done } = await reader.read(); if (done) break; out.textContent += value; }
          } else if (/json|text\/(plain|markdown)/.test(type) || r.status === 204 || r.status >= 400) {
            const t = await r.text();
            try { out.textContent = head + JSON.stringify(JSON.parse(t), null, 2); } catch { out.textContent = head + t; }
          } else {
            const blob = await r.blob();
            const m = /filename\*=UTF-8''([^;]+)/i.exec(r.headers.get('content-disposition') || '');
            const name = m ? decodeURIComponent(m[1]) : 'download';
            out.textContent = head + blob.size + ' 字节';
            link.append(el('a', { href: URL.createObjectURL(blob), download: name, textContent: '下载 ' + name }));
          }
        } catch (e) { out.textContent = '请求失败：' + e; }
      });
      d.append(b, out, link);
      main.append(d);
    }
  }
})();`;
