/**
 * Held-out style checks of offline drafts, with tables of their own (not the phrase bank's):
 * grounding — no sentence the composer writes around the facts names a field the section's topic and facts do not;
 * headings — a topic that states an approach or a result stands as it is, nothing glued on;
 * openings — every part the fact sheet gives appears, and a part it lacks leaves no trace.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeDraft } from '../../src/services/draft-pipeline.js';
import { escapeMarkdownText, withoutEndPunctuation } from '../../src/compose/markdown-text.js';
import { composeOpening, offlineComposer } from '../../src/compose/offline-composer.js';
import type { FactSheet, Section } from '../../src/domain/fact-sheet.js';
import { reportTypes } from '../helpers/app.js';

const corpus = JSON.parse(readFileSync(new URL('../fixtures/style/held-out-sections.json', import.meta.url), 'utf8')) as {
  sections: Section[];
  statedTopics: string[];
};
const sheets = ['annual-summary', 'half-year-summary', 'safety-summary', 'work-plan', 'key-points'].map(
  (type) => JSON.parse(readFileSync(new URL(`../fixtures/style/${type}.json`, import.meta.url), 'utf8')) as FactSheet,
);

/**
 * What a reader takes as a field of work, word by word; a sub-field (消防) speaks of its parent (安全) too.
 * Written for this check: plain words a secretary would recognise, kept apart from the phrase bank's lists.
 */
const READER_FIELDS: Record<string, { words: string[]; parent?: string }> = {
  party: { words: ['党建', '党的', '党组织', '党员', '党风', '廉政', '廉洁', '从严治党', '政治建设', '意识形态', '支部', '正风肃纪'] },
  moral: { words: ['德育', '立德树人', '思政', '思想政治', '思想道德', '品德', '核心价值观', '文明', '育人'] },
  sports: { words: ['体育', '体质', '运动', '锻炼', '健康第一'] },
  arts: { words: ['美育', '艺术', '审美', '合唱', '书法'] },
  labour: { words: ['劳动'] },
  family: { words: ['家庭', '家长', '家校', '监护'] },
  mind: { words: ['心理'] },
  teachers: { words: ['教师', '师德', '师资', '校长', '名师', '骨干', '班主任', '从教'] },
  safety: { words: ['安全', '平安', '应急', '事故', '风险', '隐患', '消防', '火灾', '溺水', '食品', '校车', '欺凌', '安保', '治安', '防汛', '灾害', '疫情', '传染病', '危化品', '维稳', '信访', '舆情', '自护自救', '避险', '防护'] },
  fire: { words: ['消防', '火灾', '防火', '灭火', '用火用电'], parent: 'safety' },
  food: { words: ['食品', '食堂', '营养餐', '饮食', '舌尖', '留样', '采购'], parent: 'safety' },
  traffic: { words: ['交通', '校车', '乘车', '上下学', '接送'], parent: 'safety' },
  water: { words: ['溺水', '水域', '游泳', '涉水'], parent: 'safety' },
  bullying: { words: ['欺凌', '霸凌'], parent: 'safety' },
  guard: { words: ['安保', '门卫', '技防', '人防', '物防', '治安', '警校', '校门', '值守'], parent: 'safety' },
  drills: { words: ['演练', '疏散', '安全教育', '自护自救'], parent: 'safety' },
  hazards: { words: ['隐患', '销号', '安全检查'], parent: 'safety' },
  weather: { words: ['防汛', '汛期', '灾害', '极端天气', '地震'], parent: 'safety' },
  epidemic: { words: ['传染病', '疫情', '防疫', '晨午检'], parent: 'safety' },
  stability: { words: ['维稳', '信访', '舆情', '矛盾纠纷', '和谐稳定'], parent: 'safety' },
  duty: { words: ['安全责任', '一岗双责', '责任书', '安全目标'], parent: 'safety' },
  buildings: { words: ['办学条件', '校舍', '基建', '建设项目', '项目建设', '教学楼', '运动场', '装备', '硬件', '工程质量'] },
  digital: { words: ['信息化', '数字', '智慧', '信息技术', '人工智能', '录播', '微课', '城域网', '光纤', '班班通'] },
  preschool: { words: ['学前', '幼儿', '幼儿园', '保教', '办园', '托育', '入园'] },
  equity: { words: ['均衡', '公平', '城乡', '校际', '资助', '义务教育', '控辍保学', '随迁', '特殊教育', '掉队', '适龄'] },
  teaching: { words: ['教学', '课堂', '教研', '课程', '教学质量', '减负', '作业', '考试', '中考', '高考', '学业', '课后服务'] },
  governance: { words: ['督导', '督学', '依法', '法治', '治理', '改革', '审计', '经费', '财务', '民办', '校外培训'] },
  vocational: { words: ['职业教育', '职教', '产教', '校企', '技能', '中职'] },
  lifelong: { words: ['继续教育', '社区教育', '老年', '终身学习', '学习型'] },
};

function readerFields(text: string): Set<string> {
  const out = new Set<string>();
  for (const [name, field] of Object.entries(READER_FIELDS)) {
    if (!field.words.some((w) => text.includes(w))) continue;
    out.add(name);
    if (field.parent) out.add(field.parent);
  }
  return out;
}

/** Sheets of every type built around the held-out sections, several sections each. */
function heldOutSheets(): FactSheet[] {
  const types = ['annual-summary', 'half-year-summary', 'safety-summary', 'work-plan', 'key-points'];
  return types.map((type, t) => ({
    type,
    org: '河西区教育局',
    period: type === 'half-year-summary' ? '2025年上半年' : '2025年',
    ...(type === 'work-plan' || type === 'key-points' ? { guidance: ['全区教育工作会议精神'] } : {}),
    sections: corpus.sections.filter((_, i) => i % 5 === t || (i + 2) % 5 === t),
  }));
}

/** The words the composer wrote in a section: its heading and body with the topic and every fact taken out. */
function composerWords(markdown: string, section: Section): string {
  const blocks = markdown.split(/\n(?=#{2,3} )/);
  const block = blocks.find((b) => b.split('\n')[0].includes(section.topic) || (section.heading && b.split('\n')[0].includes(section.heading)));
  if (!block) throw new Error(`no part for ${section.topic}`);
  let words = block.replace(/^#{2,3} \S+?、|^#{2,3} （\S+?）/, '');
  for (const fact of section.facts) words = words.split(escapeMarkdownText(withoutEndPunctuation(fact))).join('|');
  return words.split(section.topic).join('|');
}

const draftOf = (facts: FactSheet) => composeDraft({ facts, type: reportTypes.get(facts.type)!, composer: offlineComposer });

describe('grounding: the composer names no field the section does not', () => {
  const cases: Array<[string, FactSheet]> = [...heldOutSheets(), ...sheets].map((f) => [`${f.type} ${f.org}`, f]);

  it.each(cases)('%s', async (_name, facts) => {
    const { markdown } = await draftOf(facts);
    for (const section of facts.sections) {
      const allowed = readerFields([section.topic, section.heading ?? '', ...section.facts].join(' '));
      const written = composerWords(markdown, section);
      const strays = [...readerFields(written)].filter((f) => !allowed.has(f));
      expect(strays, `${section.topic}: ${written.replace(/\s+/g, ' ')}`).toEqual([]);
    }
  });

  it('puts the issue’s two sections under their own field, not under safety or digital education', async () => {
    const { markdown } = await draftOf(sheets[0]);
    const [building, teachers] = sheets[0].sections;
    expect(readerFields(composerWords(markdown, building))).not.toContain('safety');
    expect(readerFields(composerWords(markdown, teachers))).not.toContain('digital');
  });
});

describe('headings: a topic that states an approach or a result stands as it is', () => {
  it.each(['annual-summary', 'work-plan', 'key-points', 'safety-summary'])('in a %s', async (type) => {
    const facts: FactSheet = {
      type,
      org: '河西区教育局',
      period: '2025年',
      sections: corpus.statedTopics.map((topic) => ({ topic, facts: ['完成年度任务'] })),
    };
    const { outline } = await draftOf(facts);
    const headings = (outline.items.find((i) => i.children)?.children ?? outline.items.filter((i) => i.source === 'sections')).map((i) => i.heading);
    expect(headings).toEqual(corpus.statedTopics);
  });

  it("never says a topic's last word again in its result (质量提升 + 水平稳步提升, 落实 + 落实到位)", async () => {
    // Topics that end in a verb of result or progress, as staff name their areas.
    const topics = ['教育教学质量提升', '“双减”落实', '集团化办学推进', '课后服务提质', '办学条件改善', '教育信息化提升', '师德师风建设', '控辍保学巩固', '校园安全管理加强', '教育资源优化'];
    for (const type of ['annual-summary', 'half-year-summary', 'work-plan', 'key-points']) {
      const { outline } = await draftOf({ type, org: '河西区教育局', period: '2025年', sections: topics.map((topic) => ({ topic, facts: ['完成年度任务'] })) });
      const items = outline.items.find((i) => i.children)?.children ?? outline.items.filter((i) => i.source === 'sections');
      for (const item of items) {
        const tail = item.topic!.slice(-2);
        expect(item.heading.split(tail).length - 1, `${type}: ${item.heading}`).toBe(1);
        expect(item.heading, `${type}: ${item.heading}`).not.toMatch(/(?:提升|提高|落实|推进|改善|优化|加强)水平/);
      }
    }
  });

  it('gives a bare topic one approach and one result, with the topic once', async () => {
    const topics = ['学前教育', '教师队伍建设', '食品安全', '教育督导', '课后服务'];
    for (const type of ['annual-summary', 'work-plan']) {
      const { outline } = await draftOf({ type, org: '河西区教育局', period: '2025年', sections: topics.map((topic) => ({ topic, facts: ['完成年度任务'] })) });
      const items = outline.items.find((i) => i.children)?.children ?? outline.items.filter((i) => i.source === 'sections');
      for (const item of items) {
        const clauses = item.heading.split('，');
        expect(clauses, item.heading).toHaveLength(2);
        expect(clauses[0]).not.toContain(item.topic!);
        expect(item.heading.split(item.topic!)).toHaveLength(2);
      }
    }
  });
});

describe('openings carry every part the fact sheet gives', () => {
  const parts = { leadership: '市委、市政府', guidance: ['党的二十大精神', '省教育工作会议精神'], theme: '以办好人民满意的教育为主线' };
  const subsets = [[], ['leadership'], ['guidance'], ['theme'], ['leadership', 'guidance'], ['leadership', 'theme'], ['guidance', 'theme'], ['leadership', 'guidance', 'theme']] as const;

  for (const type of reportTypes.values()) {
    it.each(subsets.map((s) => [s.join('+') || 'none', s]))(`${type.id}: %s`, (_label, subset) => {
      const given = Object.fromEntries((subset as readonly string[]).map((k) => [k, parts[k as keyof typeof parts]]));
      const facts: FactSheet = { type: type.id, org: '南桥区教育局', period: '2026年', sections: [{ topic: '学前教育', facts: ['新建幼儿园2所'] }], ...given };
      const opening = composeOpening(facts, type);
      expect(opening).toContain('南桥区教育局');
      expect(opening).toContain('2026年');
      expect(opening.endsWith(type.formula)).toBe(true);
      if (given.leadership) expect(opening).toContain(`在${parts.leadership}的`);
      if (given.guidance) for (const g of parts.guidance) expect(opening).toContain(g);
      if (given.theme) expect(opening).toContain(parts.theme);
      // A part not given leaves no empty frame behind.
      expect(opening).not.toMatch(/在的|以为|贯彻落实，|，，|，。|【待补充/);
      if (!given.leadership) expect(opening).not.toContain('领导下');
      // The genre's length: one paragraph of a sentence or two.
      expect(opening.length).toBeGreaterThanOrEqual(25);
      expect(opening.length).toBeLessThanOrEqual(260);
    });
  }

  it('a plan or key points opening says more than the bare formula when the parts are given', () => {
    for (const id of ['work-plan', 'key-points']) {
      const type = reportTypes.get(id)!;
      const opening = composeOpening({ type: id, org: '南桥区教育局', period: '2026年', sections: [{ topic: '学前教育', facts: ['新建幼儿园2所'] }], ...parts }, type);
      expect(opening.length).toBeGreaterThan(60);
    }
  });
});
