/** What of a model's wrapping is left in a text: reasoning, chat, notes, fences, Markdown marks, English. For the corpus tests. */

const RESIDUE: Array<[string, RegExp]> = [
  ['think tag', /<\/?think>|<\/?thi|think>/],
  ['reasoning', /用户(?:要求|让我|需要|希望)|我需要|我得先|首先，我|开始写|字数大概|这一部分|这部分先|先概括/],
  ['preamble', /好的[，,！!]|当然可以|没问题[。！]|以下是|下面是|正文如下|根据您提供/],
  ['sign-off', /希望[^。]*帮助|如需|如有需要|请随时告诉我|我可以进一步|您可以根据/],
  ['note', /(?:^|\n)\s*(?:\*\*)?(?:说明|注|备注)(?:\*\*)?[：:]|仅供参考|文中数字均来自/],
  ['fence', /```|~~~/],
  ['emphasis', /(?<!\\)\*\*|(?<![\\\w])\*[^*\s]/],
  ['rule', /(?:^|\n)\s*-{3,}\s*(?:\n|$)/],
  ['blockquote', /(?:^|\n)>/],
  ['english', /\b(?:Sure|Here is|Hope|Note|Let me|The bureau|changes)\b/i],
  ['refusal', /抱歉|作为一个人工智能|我不能代替/],
  ['label', /字数(?:统计)?[：:]|修改说明|数据来源|正文(?:开始|结束)|段落[一二三]|版本[一二三][：:]|思考过程|【(?:正文|回答|说明|思考)|^\s*(?:标题|小标题|正文|回答|Answer|Thinking)\s*[：:]|——以上/m],
  ['template token', /<\|[a-z_]+\|>|<\/?(?:reasoning|thinking|thought|answer)>|◁\/?think▷/],
  ['emoji bullet', /[✅✔☑]/u],
  ['json', /^\s*[{[]|[{\[,]\s*"[^"\n]{1,20}"\s*:|\\[nu"]|["]\s*[}\]]/],
];

/** The names of the residues found (empty when the text is clean). */
export function wrappingLeft(text: string): string[] {
  return RESIDUE.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

/** A seeded generator of uneven chunk sizes (1–13 code points), so chunks split tags, sentences and figures. */
export function unevenChunks(text: string, seed: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  let state = seed * 2654435761 + 1;
  for (let i = 0; i < chars.length; ) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const n = 1 + (state % 13);
    out.push(chars.slice(i, i + n).join(''));
    i += n;
  }
  return out;
}
