/** Putting user text into Markdown safely: facts are literal text, never Markdown or HTML syntax. */

/**
 * Escapes the characters that would make a fact's text into Markdown or HTML structure,
 * and folds line breaks, so a fact always stays one run of literal text.
 * @example escapeMarkdownText('<img src=x> **粗体**') // '\\<img src=x\\> \\*\\*粗体\\*\\*'
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>|~#]/g, (ch) => `\\${ch}`)
    .replace(/^([+\-=]|\d+[.)])(?=\s|$)/, (m) => m.replace(/([+\-=.)])$/, '\\$1'));
}

/** A fact without its own closing punctuation, so our enumeration adds exactly one. */
export function withoutEndPunctuation(text: string): string {
  return text.trim().replace(/[。；;，,、\s]+$/u, '');
}
