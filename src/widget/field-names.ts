/** The Chinese name of the fact-sheet field a question fills, for “正在填写：…”. */

// The dialogue's FIELD_NAMES (src/dialogue/collected-facts.ts) say the same; importing them would pull zod into
// the browser bundle (collected-facts imports the fact-sheet schema): 26 KiB gzip became 121 KiB when tried.
const NAMES: Record<string, string> = {
  type: '报告类型',
  title: '标题',
  org: '单位名称',
  period: '时间范围',
  leadership: '领导机关',
  guidance: '指导精神',
  theme: '总体思路',
  sections: '工作领域',
  goals: '工作目标',
  problems: '存在的问题',
  nextSteps: '下一步打算',
  schedule: '工作安排',
  signature: '落款',
  'signature.org': '落款单位',
  'signature.date': '落款日期',
};

/**
 * Names a field path; a section's facts name the topic when it is known.
 * @example fieldName('sections[1].facts', { sections: [{}, { topic: '教师队伍建设' }] }) // '“教师队伍建设”的具体情况'
 */
export function fieldName(field: string | null | undefined, facts: Record<string, any> = {}): string {
  if (!field) return '';
  const section = /^sections\[(\d+)\](?:\.facts)?$/.exec(field);
  if (section) {
    const topic = facts?.sections?.[Number(section[1])]?.topic;
    return topic ? `“${topic}”的具体情况` : `第 ${Number(section[1]) + 1} 个工作领域的具体情况`;
  }
  return NAMES[field] ?? NAMES[field.replace(/\[\d*\].*$/, '')] ?? field;
}
