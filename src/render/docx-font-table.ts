/** The Word font table (word/fontTable.xml) naming each official font's GB2312 charset and its stand-in. */
import { FONT_FALLBACKS } from './docx-layout.js';

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!);

/**
 * fontTable.xml for the fonts the document uses. w:altName is the font Word takes when the named one is not
 * installed (仿宋_GB2312 → 仿宋, which Windows ships as FangSong); charset 86 (GB2312) steers any other
 * substitution towards a Chinese font instead of a Latin one.
 * @example fontTableXml(['仿宋_GB2312', '黑体'])
 */
export function fontTableXml(fonts: readonly string[]): string {
  const entries = [...new Set(fonts)].map((name) => {
    const alt = FONT_FALLBACKS[name]?.[0];
    return (
      `<w:font w:name="${escapeXml(name)}">` +
      (alt ? `<w:altName w:val="${escapeXml(alt)}"/>` : '') +
      '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    entries.join('') +
    '</w:fonts>'
  );
}
