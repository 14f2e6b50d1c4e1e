/** A draft split into the parts a person edits one at a time: the title and opening, then each `## ` part. */

export interface DraftPart {
  /** What the part is called in the editor: its heading, or 标题和开头. */
  label: string;
  markdown: string;
}

/**
 * Splits canonical Markdown at its `## ` headings; joining the parts gives the draft back.
 * @example splitParts('# 题\n\n开头\n\n## 一、甲\n\n正文') // [{ label: '标题和开头', … }, { label: '一、甲', … }]
 */
export function splitParts(markdown: string): DraftPart[] {
  const parts: DraftPart[] = [];
  let current: string[] = [];
  let label = '标题和开头';
  const push = () => {
    const text = current.join('\n').trim();
    if (text || parts.length === 0) parts.push({ label, markdown: text });
  };
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^##\s+(.+?)\s*$/.exec(line);
    if (heading) {
      push();
      current = [];
      label = heading[1].replace(/\\(.)/g, '$1');
    }
    current.push(line);
  }
  push();
  return parts.filter((part, i) => i === 0 || part.markdown);
}

/** The draft again from its parts. */
export function joinParts(parts: readonly { markdown: string }[]): string {
  return `${parts.map((p) => p.markdown.trim()).filter(Boolean).join('\n\n')}\n`;
}
