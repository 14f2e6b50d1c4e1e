/** Which field of work a school's section is about, by meaning: its topic and heading first, then its facts; the same key merges sections across schools. Pure. */
import type { Section } from '../domain/fact-sheet.js';
import { GENERAL, TOPICS, topicOf, type Topic } from '../domain/phrase-bank.js';

/** The name a merged area takes in the county's report, per phrase-bank topic. */
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
  职成: '职业教育和社区教育',
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

const TOPIC_NAMES = new Map<Topic, string>(Object.entries(TOPICS).map(([name, topic]) => [topic, name]));

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

const isSafetyPart = (topic: Topic) => topic.parent === '安全';

/**
 * The field of work of a section. In a safety summary each part of safety (消防, 食品, 防溺水 …) is its own area,
 * and a title that names none (加强食堂管理) is read by its facts; in other reports they are all 校园安全.
 * @example areaOf({ topic: '抓实教师培训', heading: '抓实教师培训，队伍素质不断提高', facts: [] }) // { key: 'topic:师资', name: '教师队伍建设' }
 */
export function areaOf(section: Pick<Section, 'topic' | 'heading' | 'facts'>, options: { safety?: boolean } = {}): AreaKey {
  const byTitle = topicOf(`${section.topic}，${section.heading ?? ''}`);
  const byFacts = () => topicOf(section.facts.join('；'));
  let topic = byTitle !== GENERAL ? byTitle : byFacts();
  if (options.safety && !isSafetyPart(topic) && isSafetyPart(byFacts())) topic = byFacts();
  if (!options.safety && isSafetyPart(topic)) topic = TOPICS['安全'];
  const name = TOPIC_NAMES.get(topic);
  if (name) return { key: `topic:${name}`, name: AREA_NAMES[name] ?? name };
  const plain = normaliseName(section.topic);
  return { key: `name:${plain}`, name: section.topic };
}
