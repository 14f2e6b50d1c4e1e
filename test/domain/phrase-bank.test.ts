/**
 * The phrase bank: data in prompts/_phrases (no figure in any phrase, checked at load), the picker in code
 * (fields from topic and facts, grounded leads and openers, no repeats within a draft, natural plan headings).
 */
import { describe, expect, it } from 'vitest';
import { findFigures } from '../../src/domain/figures.js';
import { fieldOf, fieldsNamed, fillFrame, isVerbTopic, PhrasePicker, statesApproachOrResult, type Register, type SectionText, type Tense } from '../../src/domain/phrase-bank.js';
import { loadPhraseBank, PhraseBankError } from '../../src/domain/phrase-data.js';
import { loadReportTypes, ReportTypeError } from '../../src/domain/report-types.js';
import { readPromptFiles } from '../../src/node/prompt-files.js';

const files = readPromptFiles();
const bank = loadPhraseBank(files);
const TENSES: Tense[] = ['review', 'plan'];
const register = (tense: Tense, id = tense === 'review' ? 'annual-summary' : 'work-plan', genre = '工作总结'): Register => ({ id, tense, genre, phrases: bank });
const field = (name: string) => bank.fields.find((f) => f.name === name)!;
const section = (topic: string, facts: string[] = []): SectionText => ({ topic, facts });

/** Every string the bank holds, however deeply nested. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, out));
  return out;
}

/** A picker's draft: headings (as the outline makes them) and leads (as the composer makes them), section by section. */
function draft(sections: readonly SectionText[], reg: Register) {
  const headings = new PhrasePicker();
  const leads = new PhrasePicker();
  return sections.map((s) => {
    const heading = headings.heading(s, reg);
    return { topic: s.topic, heading, lead: leads.lead(s, reg, heading) };
  });
}

const opener = (heading: string) => heading.slice(0, heading.indexOf('，'));
const dupes = (list: readonly string[]) => list.filter((x, i) => list.indexOf(x) !== i);

describe('phrase data', () => {
  it('holds no digit in any phrase, so the composer can never add a figure', () => {
    const phrases = strings(bank);
    expect(phrases.length).toBeGreaterThan(300);
    for (const phrase of phrases) {
      expect(phrase, phrase).not.toMatch(/[0-9０-９]/);
      expect(findFigures(phrase), phrase).toEqual([]);
    }
  });

  it('refuses a phrase with a digit, naming the file, at start-up', () => {
    const fields = JSON.parse(files['_phrases/fields.json']);
    fields['党建'].leads.review.push('召开会议3次。');
    const broken = { ...files, '_phrases/fields.json': JSON.stringify(fields) };
    expect(() => loadPhraseBank(broken)).toThrow(PhraseBankError);
    expect(() => loadReportTypes(broken)).toThrow(ReportTypeError);
    expect(() => loadReportTypes(broken)).toThrow('prompts/_phrases/fields.json');
  });

  it('refuses a missing file and a parent that does not exist', () => {
    const { ['_phrases/frames.json']: _dropped, ...without } = files;
    expect(() => loadPhraseBank(without)).toThrow('prompts/_phrases/frames.json 缺失');
    const fields = JSON.parse(files['_phrases/fields.json']);
    fields['消防安全'].parent = '没有这个领域';
    expect(() => loadPhraseBank({ ...files, '_phrases/fields.json': JSON.stringify(fields) })).toThrow('没有名为“没有这个领域”的领域');
  });

  it('refuses openings that only a full fact sheet could fill', () => {
    const frames = JSON.parse(files['_phrases/frames.json']);
    frames.openings.plan = ['在{{leadership}}的领导下，{{org}}{{formula}}'];
    expect(() => loadPhraseBank({ ...files, '_phrases/frames.json': JSON.stringify(frames) })).toThrow('openings.plan');
  });

  it('takes a new field a person adds to the file', () => {
    const fields = JSON.parse(files['_phrases/fields.json']);
    fields['语言文字'] = {
      keywords: ['语言文字', '普通话'],
      approaches: ['坚持规范引领'],
      leads: { review: ['推广普通话和规范汉字，校园语言文字环境更加规范。'], plan: ['要推广普通话和规范汉字。'] },
    };
    const extended = loadPhraseBank({ ...files, '_phrases/fields.json': JSON.stringify(fields) });
    const s = section('语言文字工作', ['开展普通话推广周活动']);
    expect(fieldOf(extended, s).field?.name).toBe('语言文字');
    expect(new PhrasePicker().lead(s, { ...register('review'), phrases: extended })).toBe('推广普通话和规范汉字，校园语言文字环境更加规范。');
  });
});

describe('choosing the field from the topic and the facts', () => {
  it('reads the facts as well as the topic', () => {
    const building = section('加强基础建设，提升教育现代化水平', ['完成教育城域网主干升级', '教育装备达到省Ⅱ类标准']);
    expect(fieldOf(bank, building).field?.name).toBe('基础设施');
    const teachers = section('搭建工作平台，助推教师专业成长', ['组织新教师跟岗培训', '举办青年教师课堂教学竞赛']);
    expect(fieldOf(bank, teachers).field?.name).toBe('师资');
    // A vague topic takes its field from the facts when two of them agree.
    expect(fieldOf(bank, section('重点工作', ['更换灭火器', '组织消防演练'])).field?.name).toBe('消防安全');
  });

  it('is unsure on thin evidence or a tie between unrelated fields', () => {
    expect(fieldOf(bank, section('重点工作', ['完成新校区搬迁'])).sure).toBe(false);
    expect(fieldOf(bank, section('其他工作', ['完成消防演练', '新建幼儿园'])).sure).toBe(false);
  });

  it('files each safety section under its own sub-field, a longer keyword beating the shorter inside it', () => {
    const topics = ['安全责任落实', '制度和应急预案建设', '安全教育和应急演练', '隐患排查整改', '校园安保', '食品安全', '交通安全', '消防安全', '防溺水', '防范学生欺凌', '心理健康教育'];
    const names = topics.map((t) => fieldOf(bank, section(t), '安全工作总结').field?.name);
    expect(new Set(names).size).toBe(topics.length);
    expect(names).not.toContain('安全');
    expect(fieldOf(bank, section('健全安全工作机制')).field?.name).toBe('安全责任');
    // A weak word decides only where its parent is in play: 考核 alone is about governance, not safety.
    expect(fieldOf(bank, section('责任落实'), '安全工作总结').field?.name).toBe('安全责任');
    expect(fieldOf(bank, section('学校考核')).field?.name).not.toBe('安全责任');
  });

  it('counts a sub-field as speaking of its parent', () => {
    expect([...fieldsNamed(bank, '组织消防疏散演练')].map((f) => f.name).sort()).toEqual(['安全', '教育演练', '消防安全'].sort());
  });
});

describe('grounded wording', () => {
  it('never opens a section with a field its topic and facts do not name', () => {
    const sections = [
      section('加强基础建设，提升教育现代化水平', ['完成教育城域网主干升级', '教育装备达到省Ⅱ类标准']),
      section('搭建工作平台，助推教师专业成长', ['组织新教师跟岗培训', '举办青年教师课堂教学竞赛']),
      section('乡村少年宫', ['开设书法、合唱等社团', '每周二、四下午开放']),
    ];
    for (const tense of TENSES) {
      for (const s of draft(sections, register(tense))) {
        const own = fieldsNamed(bank, [s.topic, ...sections.find((x) => x.topic === s.topic)!.facts].join(' '));
        for (const f of fieldsNamed(bank, s.lead)) expect(own.has(f), `${s.topic}: ${s.lead}`).toBe(true);
        for (const f of fieldsNamed(bank, s.heading.replace(s.topic, ''))) expect(own.has(f), `${s.topic}: ${s.heading}`).toBe(true);
      }
    }
  });

  it('uses a plain lead-in that claims nothing when the field is unclear', () => {
    for (const tense of TENSES) {
      const lead = new PhrasePicker().lead(section('其他工作', ['做好档案整理和移交', '完成年度统计报表']), register(tense));
      expect(bank.general.leads[tense]).toContain(lead);
      expect(fieldsNamed(bank, lead).size).toBe(0);
    }
  });

  it('does not say the heading’s approach again in the first sentence', () => {
    const reg = register('review');
    const s = section('心理健康', ['完成学生心理健康筛查', '配备专职心理教师']);
    for (const approach of field('心理').approaches) {
      const heading = `${approach}，心理健康工作取得新成效`;
      const lead = new PhrasePicker().lead(s, reg, heading);
      for (let i = 0; i + 4 <= approach.length; i++) expect(lead, `${heading} / ${lead}`).not.toContain(approach.slice(i, i + 4));
    }
  });
});

/** Twenty different sections that all fall under one field, built from its keywords. */
function twentySectionsOf(name: string): SectionText[] {
  const entry = field(name);
  const suffixes = ['工作', '专项工作', '重点任务', '提升行动', '示范创建', '攻坚', '品牌建设', '常态化推进', '试点'];
  const prefixes = ['', '全区', '中小学'];
  const out: SectionText[] = [];
  for (const prefix of prefixes) {
    for (const word of entry.keywords) {
      for (const suffix of suffixes) {
        const topic = `${prefix}${word}${suffix}`;
        const s = section(topic, [`${word}相关任务按期完成`]);
        if (fieldOf(bank, s).field === entry && !statesApproachOrResult(bank, topic) && !out.some((o) => o.topic === topic)) out.push(s);
      }
    }
  }
  return out.slice(0, 20);
}

describe('no repeats within a draft', () => {
  describe.each(bank.fields.map((f) => f.name))('twenty sections about %s', (name) => {
    it.each(TENSES)('never repeat a lead sentence or a heading opener (%s)', (tense) => {
      const sections = twentySectionsOf(name);
      expect(sections.length).toBeGreaterThanOrEqual(10);
      const drafted = draft(sections, register(tense));
      expect(dupes(drafted.map((s) => s.lead))).toEqual([]);
      expect(dupes(drafted.map((s) => opener(s.heading)))).toEqual([]);
      for (const s of drafted) expect(s.heading).toContain(s.topic);
    });
  });
});

describe('headings', () => {
  it('keep a topic that already states an approach or a result as it stands, in every tense', () => {
    for (const topic of ['育人环境进一步优化', '加强领导，完善制度，健全安全工作机制', '坚持五育并举', '校园安全形势保持稳定']) {
      for (const tense of TENSES) expect(new PhrasePicker().heading(section(topic), register(tense))).toBe(topic);
    }
  });

  const verbs = ['加强', '推进', '深化', '提升', '提高', '落实', '做好', '抓好', '完善', '健全', '强化', '推动'];
  const verbTopics = ['加强师德师风建设', '推进集团化办学', '深化课堂教学改革', '提升教育信息化水平', '落实安全责任', '全面加强党的建设', '持续推进校园安全治理', '完善学生资助体系'];

  it.each(TENSES)('keep a topic that starts with a verb to one verb (%s)', (tense) => {
    for (const { topic, heading } of draft(verbTopics.map((t) => section(t)), register(tense))) {
      expect(isVerbTopic(bank, topic)).toBe(true);
      for (const a of verbs) for (const b of verbs) expect(heading, heading).not.toContain(a + b);
      const result = heading.slice(heading.indexOf('，') + 1);
      if (tense === 'plan') {
        // The topic itself, or one adverb before it: 着力加强师德师风建设, never 着力加强加强…….
        expect(result.endsWith(topic), heading).toBe(true);
        const adverb = result.slice(0, result.length - topic.length);
        expect(['', ...bank.headings.verbTopicResults.plan.map((t) => t.replace('{{topic}}', ''))]).toContain(adverb);
      } else {
        expect(result.startsWith(topic), heading).toBe(true);
      }
    }
  });

  it('put the aim before a noun topic and give a short topic the word 工作', () => {
    const [plan] = draft([section('教师队伍建设')], register('plan'));
    expect(plan.heading.endsWith('教师队伍建设') || plan.heading.endsWith('教师队伍建设水平')).toBe(true);
    const [drowning] = draft([section('防溺水')], register('plan'));
    expect(drowning.heading).toContain('防溺水工作');
    const [review] = draft([section('防溺水')], register('review'));
    expect(review.heading).toMatch(/^[^，]+，防溺水工作/);
  });

  it('skip an opener that only repeats the topic', () => {
    for (const tense of TENSES) {
      const [{ heading }] = draft([section('立德树人')], register(tense));
      expect(opener(heading)).not.toContain('立德树人');
    }
  });
});

describe('frames', () => {
  it('leave out a part the facts lack, and carry the most parts they can', () => {
    const templates = ['在{{leadership}}的领导下，[以{{guidance}}为指导，]{{org}}开展工作。', '{{org}}[以{{guidance}}为指导，]开展工作。'];
    expect(fillFrame(templates, { leadership: '区委', guidance: '甲', org: '某局' })).toBe('在区委的领导下，以甲为指导，某局开展工作。');
    expect(fillFrame(templates, { leadership: '区委', org: '某局' })).toBe('在区委的领导下，某局开展工作。');
    expect(fillFrame(templates, { org: '某局' })).toBe('某局开展工作。');
  });

  it('avoid a template whose own words the value repeats', () => {
    const templates = ['我们将{{theme}}，努力办好人民满意的教育。', '我们将{{theme}}，推动各项工作再上新台阶。'];
    expect(fillFrame(templates, { theme: '围绕办好人民满意的教育这一主线' })).toBe('我们将围绕办好人民满意的教育这一主线，推动各项工作再上新台阶。');
  });
});

it('is deterministic: the same sections get the same words in every draft', () => {
  const sections = ['党建工作', '教师队伍建设', '食品安全', '消防安全', '加强教学常规管理'].map((t) => section(t, ['完成年度任务']));
  for (const tense of TENSES) expect(draft(sections, register(tense))).toEqual(draft(sections, register(tense)));
});
