/** The Chinese name of the fact-sheet field a question fills, for “正在填写：…”. */

import { FIELD_NAMES, OTHER_FIELD_NAMES } from '../contract/field-names.js';

// The dialogue's own list (src/contract/field-names.ts): the widget says what the questions say.
const NAMES: Record<string, string> = { ...OTHER_FIELD_NAMES, ...FIELD_NAMES };

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
