/**
 * What people call each fact-sheet field: the one list the dialogue (questions, summaries, 修改 + name) and the
 * widget (“正在填写：…”, the review) share. Imports nothing, so the widget's bundle stays small.
 */

/** The fields the interview fills, by their names in its questions and summaries. */
export const FIELD_NAMES: Record<string, string> = {
  title: '标题',
  org: '单位名称',
  period: '时间段',
  leadership: '领导机关',
  guidance: '指导思想',
  theme: '总体思路',
  sections: '工作领域',
  goals: '工作目标',
  problems: '存在的问题',
  nextSteps: '下一步打算',
  schedule: '工作安排',
  'signature.date': '落款日期',
  'signature.org': '落款单位',
};

/** Fields a reply may name that the interview does not ask as such (the report type, the signature as a whole). */
export const OTHER_FIELD_NAMES: Record<string, string> = {
  type: '报告类型',
  signature: '落款',
};
