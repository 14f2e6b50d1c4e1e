/**
 * Every piece of HTML the widget shows passes DOMPurify first, whether the server or our own renderer made it:
 * an allow-list of the tags a draft uses, web and mail links only, and only our own mark classes.
 */
import DOMPurify from 'dompurify';

const TAGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'strong', 'em', 'del', 'ol', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'mark', 'a', 'blockquote', 'code', 'pre', 'hr'];
const ATTRS = ['class', 'title', 'tabindex', 'href', 'rel', 'start', 'align'];
const CLASSES = new Set(['unverified', 'placeholder', 'derived']);

let hooked = false;
function hook() {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    if (el.hasAttribute?.('class')) {
      const kept = (el.getAttribute('class') ?? '').split(/\s+/).filter((c) => CLASSES.has(c));
      if (kept.length) el.setAttribute('class', kept.join(' '));
      else el.removeAttribute('class');
    }
    if (el.tagName === 'A') {
      const href = (el.getAttribute('href') ?? '').trim();
      if (!/^(https?:|mailto:)/i.test(href)) el.removeAttribute('href');
      el.setAttribute('rel', 'noopener noreferrer');
      el.setAttribute('target', '_blank');
    }
  });
}

/**
 * Sanitises HTML into a fragment ready to append (no innerHTML on a live node).
 * @example target.append(sanitize('<p>正文</p><img src=x onerror=alert(1)>'))
 */
export function sanitize(html: string): DocumentFragment {
  hook();
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS: TAGS,
    ALLOWED_ATTR: ATTRS,
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: ['target'],
    RETURN_DOM_FRAGMENT: true,
  }) as unknown as DocumentFragment;
}
