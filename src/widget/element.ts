/** `<report-drafter endpoint type mode>`: the custom element every embedding ends up as, with its own shadow root. */
import { css } from './styles.js';
import { mountWidget } from './widget-app.js';

let sheet: CSSStyleSheet | null = null;

/** Constructed stylesheets are not inline styles, so a host CSP without 'unsafe-inline' still lets them apply. */
function applyStyles(root: ShadowRoot) {
  try {
    sheet ??= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
}

/** Where the API lives when the element doesn't say: the origin the script came from. */
export const defaults = { endpoint: location.origin };

export class ReportDrafterElement extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    applyStyles(root);
    const mode = this.getAttribute('mode') === 'bubble' ? 'bubble' : 'inline';
    mountWidget(root, {
      endpoint: this.getAttribute('endpoint') || defaults.endpoint,
      type: this.getAttribute('type') || 'annual-summary',
      mode,
    });
  }
}
