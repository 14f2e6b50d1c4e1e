/** Which field of work a school's section is about, by meaning: its topic and heading first, then its facts; the same key merges sections across schools. Pure. */
import type { Section } from '../domain/fact-sheet.js';
import { fieldOf, type Field, type PhraseBank } from '../domain/phrase-bank.js';

/** The name a merged area takes in the county's report, per field of prompts/_phrases/fields.json. */
const AREA_NAMES: Record<string, string> = {
  党建: '党的建设',
  德育: '德育工作',
  心理: '心理健康教育',
  师资: '教师队伍建设',
  安全: '校园安全',
  基础设施: '办学条件改善',
  信息化: '教育信息化',
  学前: '学前教育',
  均衡: '教育均衡发展',
  质量: '教育教学质量',
  治理: '教育管理',
  体育: '学校体育',
  美育: '学校美育',
  劳动: '劳动教育',
  家校: '家校共育',
  职业教育: '职业教育',
  终身学习: '社区教育和终身学习',
  安全责任: '安全责任落实',
  制度预案: '安全制度和应急预案',
  教育演练: '安全教育和应急演练',
  隐患排查: '隐患排查整改',
  校园安保: '校园安保',
  食品安全: '食品安全',
  交通安全: '交通安全',
  消防安全: '消防安全',
  防溺水: '防溺水',
  欺凌防治: '学生欺凌防治',
  稳定: '维护校园稳定',
  卫生防疫: '卫生防疫',
  防灾减灾: '防灾减灾',
  设施安全: '校舍和设施设备安全',
};

export interface AreaKey {
  /** Stable across reports: `topic:师资`, or `name:<normalised topic>` when no field of work is recognised. */
  key: string;
  /** The merged area's name. */
  name: string;
}

/** Words a topic carries that do not change what it is about: 加强德育工作 and 德育 are one field. */
const FILLER = /^(?:全面|持续|不断|着力|切实|扎实|深入|大力|进一步)?(?:加强|强化|抓实|抓好|做好|推进|推动|深化|落实|提升|提高|优化|完善|规范|狠抓|聚焦)?|(?:工作|建设|管理|情况|方面)$/g;

/** A topic reduced for comparing names: punctuation, filler verbs and 工作/建设 off. */
export function normaliseName(topic: string): string {
  return topic.replace(/[\s，,。；;、：:“”"'（）()【】]/g, '').replace(FILLER, '') || topic;
}

const isSafetyPart = (field: Field | undefined) => field?.parent === '安全';

/**
 * The field of work of a section. In a safety summary each part of safety (消防, 食品, 防溺水 …) is its own area,
 * and a title that names none (加强食堂管理) is read by its facts; in other reports they are all 校园安全.
 * @example areaOf({ topic: '抓实教师培训', heading: '抓实教师培训，队伍素质不断提高', facts: [] }, phrases) // { key: 'topic:师资', name: '教师队伍建设' }
 */
export function areaOf(section: Pick<Section, 'topic' | 'heading' | 'facts'>, phrases: PhraseBank, options: { safety?: boolean } = {}): AreaKey {
  const title = fieldOf(phrases, { topic: section.topic, heading: section.heading, facts: [] });
  // Outside a safety summary, facts alone file a section under 校园安全 only when they are clear about it:
  // 后勤保障 with 改造学生宿舍2栋，新增食堂餐位300个 is not surely about 食品安全.
  const byFacts = () => {
    const choice = fieldOf(phrases, { topic: '', facts: section.facts });
    return !options.safety && isSafetyPart(choice.field) && !choice.sure ? undefined : choice.field;
  };
  // A title that names two fields (防溺水安全教育: 防溺水 and 安全教育) is settled by its facts when they name one of them.
  const factField = byFacts();
  const narrower = factField && title.named.has(factField) && factField.name !== title.field?.parent;
  let field = narrower ? factField : (title.field ?? factField);
  if (options.safety && !isSafetyPart(field) && isSafetyPart(byFacts())) field = byFacts();
  if (!options.safety && isSafetyPart(field)) field = phrases.fields.find((f) => f.name === '安全') ?? field;
  if (field) return { key: `topic:${field.name}`, name: AREA_NAMES[field.name] ?? field.name };
  const plain = normaliseName(section.topic);
  return { key: `name:${plain}`, name: section.topic };
}
