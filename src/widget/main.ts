/**
 * The widget's entry: registers `<report-drafter>`, and when loaded by a script tag with data-* attributes,
 * mounts one: `data-mode="bubble"` (a button in the corner) or `data-mode="inline" data-target="#id"`.
 */
import { defaults, ReportDrafterElement } from './element.js';

const script = document.currentScript as HTMLScriptElement | null;
if (script?.src) defaults.endpoint = new URL(script.src, location.href).origin;

if (!customElements.get('report-drafter')) customElements.define('report-drafter', ReportDrafterElement);

function mountFromScript(tag: HTMLScriptElement) {
  const { endpoint, type, mode, target } = tag.dataset;
  const el = document.createElement('report-drafter');
  el.setAttribute('endpoint', endpoint || defaults.endpoint);
  el.setAttribute('type', type || 'annual-summary');
  el.setAttribute('mode', mode === 'inline' ? 'inline' : 'bubble');
  const host = mode === 'inline' && target ? document.querySelector(target) : null;
  if (mode === 'inline' && target && !host) console.warn(`起草助手：找不到 data-target 指定的元素 ${target}，已放在脚本之后`);
  if (host) host.append(el);
  else if (mode === 'inline' && tag.closest('body')) tag.after(el);
  else document.body.append(el); // last in the body, so it wins z-index ties with the host's overlays
}

if (script && (script.dataset.mode || script.dataset.type)) {
  const tag = script;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => mountFromScript(tag));
  else mountFromScript(tag);
}
