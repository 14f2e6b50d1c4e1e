/** The phrase bank: no figure in any phrase, no lead or heading opener repeated within a draft, natural plan headings. */
import { describe, expect, it } from 'vitest';
import { findFigures } from '../../src/domain/figures.js';
import * as bank from '../../src/domain/phrase-bank.js';
import { GENERAL, isVerbTopic, PhrasePicker, topicOf, TOPICS, VERB_TOPIC_RESULTS, type Tense } from '../../src/domain/phrase-bank.js';

const TENSES: Tense[] = ['review', 'plan'];

/** Every string the module exports, however deeply nested. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

/** A picker's draft: headings (as the outline makes them) and leads (as the composer makes them), section by section. */
function draft(topics: readonly string[], tense: Tense) {
  const headings = new PhrasePicker();
  const leads = new PhrasePicker();
  return topics.map((topic) => ({ topic, heading: headings.heading(topic, tense), lead: leads.lead(topic, tense) }));
}

const opener = (heading: string) => heading.slice(0, heading.indexOf('，'));
const dupes = (list: readonly string[]) => list.filter((x, i) => list.indexOf(x) !== i);

/** Twenty different topics that all fall under one category, built from its keywords. */
function twentyTopicsOf(name: string): string[] {
  const entry = TOPICS[name];
  const suffixes = ['工作', '专项工作', '重点任务', '提升行动', '示范创建', '攻坚', '品牌建设', '常态化推进', '试点'];
  const prefixes = ['', '全区', '中小学'];
  const out: string[] = [];
  for (const prefix of prefixes) {
    for (const word of entry.keywords) {
      for (const suffix of suffixes) {
        const topic = `${prefix}${word}${suffix}`;
        if (topicOf(topic) === entry && !out.includes(topic)) out.push(topic);
      }
    }
  }
  return out.slice(0, 20);
}

describe('phrase bank', () => {
  it('holds no digit in any phrase, so the composer can never add a figure', () => {
    const phrases = strings(Object.values(bank));
    expect(phrases.length).toBeGreaterThan(300);
    for (const phrase of phrases) {
      expect(phrase, phrase).not.toMatch(/[0-9０-９]/);
      expect(findFigures(phrase), phrase).toEqual([]);
    }
  });

  describe.each(Object.keys(TOPICS))('twenty sections about %s', (name) => {
    const topics = twentyTopicsOf(name);

    it.each(TENSES)('never repeat a lead sentence or a heading opener (%s)', (tense) => {
      expect(topics).toHaveLength(20);
      const sections = draft(topics, tense);
      expect(dupes(sections.map((s) => s.lead))).toEqual([]);
      expect(dupes(sections.map((s) => opener(s.heading)))).toEqual([]);
      // Leads carry no topic-specific figure and each heading still names its topic.
      for (const s of sections) expect(s.heading).toContain(s.topic);
    });
  });

  describe('a safety summary with ten safety sections', () => {
    const topics = ['安全责任落实', '制度和应急预案建设', '安全教育和应急演练', '隐患排查整改', '校园安保', '食品安全', '交通安全', '消防安全', '防溺水', '防范学生欺凌', '心理健康教育'];

    it('files each section under its own sub-topic, not under safety in general', () => {
      const entries = topics.map(topicOf);
      expect(new Set(entries).size).toBe(topics.length);
      expect(entries).not.toContain(TOPICS['安全']);
      expect(entries).not.toContain(GENERAL);
      // A specific word decides even when a broad one comes first.
      expect(topicOf('制度和应急预案建设')).not.toBe(topicOf('制度建设'));
      expect(topicOf('教育系统消防工作')).toBe(topicOf('消防安全'));
      // A weak word decides only within safety: 考核 alone is about governance.
      expect(topicOf('安全目标考核')).toBe(topicOf('安全责任落实'));
      expect(topicOf('学校考核')).not.toBe(topicOf('安全责任落实'));
    });

    it.each(TENSES)('opens every section with a sentence of its own topic and a different opener (%s)', (tense) => {
      const sections = draft(topics, tense);
      expect(dupes(sections.map((s) => s.lead))).toEqual([]);
      expect(dupes(sections.map((s) => opener(s.heading)))).toEqual([]);
      for (const s of sections) {
        expect(topicOf(s.topic).leads[tense], `${s.topic}: ${s.lead}`).toContain(s.lead);
      }
    });
  });

  describe('plan headings', () => {
    const verbs = ['加强', '推进', '深化', '提升', '提高', '落实', '做好', '抓好', '完善', '健全', '强化', '推动'];
    const verbTopics = ['加强师德师风建设', '推进集团化办学', '深化课堂教学改革', '提升教育信息化水平', '落实安全责任', '全面加强党的建设', '持续推进校园安全治理', '完善学生资助体系'];

    it.each(TENSES)('keep a topic that starts with a verb to one verb (%s)', (tense) => {
      for (const { topic, heading } of draft(verbTopics, tense)) {
        expect(isVerbTopic(topic)).toBe(true);
        for (const a of verbs) for (const b of verbs) expect(heading, heading).not.toContain(a + b);
        const result = heading.slice(heading.indexOf('，') + 1);
        if (tense === 'plan') {
          // The topic itself, or one adverb before it: 着力加强师德师风建设, never 着力加强加强…….
          expect(result.endsWith(topic), heading).toBe(true);
          const adverb = result.slice(0, result.length - topic.length);
          expect(['', ...VERB_TOPIC_RESULTS.plan.map((t) => t.replace('{{topic}}', ''))]).toContain(adverb);
        } else {
          expect(result.startsWith(topic), heading).toBe(true);
        }
      }
    });

    it('put the aim before a noun topic and give a short topic the word 工作', () => {
      const [plan] = draft(['教师队伍建设'], 'plan');
      expect(plan.heading.endsWith('教师队伍建设') || plan.heading.endsWith('教师队伍建设水平')).toBe(true);
      const [drowning] = draft(['防溺水'], 'plan');
      expect(drowning.heading).toContain('防溺水工作');
      const [review] = draft(['防溺水'], 'review');
      expect(review.heading).toMatch(/^[^，]+，防溺水工作/);
    });

    it('skip an opener that only repeats the topic', () => {
      for (const tense of TENSES) {
        const [{ heading }] = draft(['立德树人'], tense);
        expect(opener(heading)).not.toContain('立德树人');
      }
    });
  });

  it('is deterministic: the same sections get the same words in every draft', () => {
    const topics = ['党建工作', '教师队伍建设', '食品安全', '消防安全', '加强教学常规管理'];
    for (const tense of TENSES) expect(draft(topics, tense)).toEqual(draft(topics, tense));
  });
});
