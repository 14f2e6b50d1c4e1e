/** A draft split into the parts a person edits one at a time: the title and opening, then each `## ` part. */

export interface DraftPart {
  /** What the part is called in the editor: its heading, or 标题和开头. */
  label: string;
  markdown: string;
  /** Where the part's text starts in the draft's Markdown (line breaks as \n), so figure places can be shifted to it. */
  start: number;
}

/**
 * Splits canonical Markdown at its `## ` headings; joining the parts gives the draft back.
 * @example splitParts('# 题\n\n开头\n\n## 一、甲\n\n正文') // [{ label: '标题和开头', … }, { label: '一、甲', … }]
 */
export function splitParts(markdown: string): DraftPart[] {
  const parts: DraftPart[] = [];
  let current: string[] = [];
  let currentStart = 0;
  let offset = 0;
  let label = '标题和开头';
  const push = () => {
    const joined = current.join('\n');
    const text = joined.trim();
    const start = currentStart + (joined.length - joined.trimStart().length);
    if (text || parts.length === 0) parts.push({ label, markdown: text, start });
  };
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^##\s+(.+?)\s*$/.exec(line);
    if (heading) {
      push();
      current = [];
      currentStart = offset;
      label = heading[1].replace(/\\(.)/g, '$1');
    }
    current.push(line);
    offset += line.length + 1;
  }
  push();
  return parts.filter((part, i) => i === 0 || part.markdown);
}

/** The figure places of a whole draft that fall in one part, relative to the part. */
export function spansInPart<T extends { start: number; end: number }>(spans: readonly T[], part: DraftPart): T[] {
  const end = part.start + part.markdown.length;
  return spans.filter((s) => s.start >= part.start && s.end <= end).map((s) => ({ ...s, start: s.start - part.start, end: s.end - part.start }));
}

/** The draft again from its parts. */
export function joinParts(parts: readonly { markdown: string }[]): string {
  return `${parts.map((p) => p.markdown.trim()).filter(Boolean).join('\n\n')}\n`;
}
