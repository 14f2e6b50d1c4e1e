/**
 * The guided dialogue over HTTP on any runtime: a whole interview per report type answered in free text as a
 * person would (several facts at once, numbered lists, full-width digits), review, draft, and every typed
 * figure found in the draft; each control; outline edits by message and by PUT; errors.
 */
import { describe, expect, it } from 'vitest';
import { postJson, putJson, readEvents, type Fetcher } from './harness.js';

const CHINESE = /[\u4e00-\u9fff]/;
const UNKNOWN_ID = 'AAAAAAAAAAAAAAAAAAAAAA';

interface Turn {
  reply: { text: string; field: string | null; progress: { done: number; total: number } };
  state: 'asking' | 'confirming' | 'ready';
  facts: any;
}

/** One person's interview: answers by the field asked; anything not listed is skipped. */
interface Script {
  type: string;
  answers: Record<string, string>;
  /** Every figure typed in the answers, exactly as typed. */
  figures: string[];
  /** Fields that must never be asked, because an earlier answer gave them too. */
  neverAsked: string[];
  expect: { org: string; period: string; topics: string[] };
}

const scripts: Script[] = [
  {
    type: 'annual-summary',
    answers: {
      org: '好的。我们是青河区教育局，写2025年的总结',
      sections: '1. 党建工作\n2. 教师队伍建设\n3. 校舍建设、教育信息化',
      'sections[0].facts': '一是全区58个基层党组织完成达标创建；二是新发展党员23名。',
      'sections[1].facts': '（一）公开招聘教师１２８名\n（二）组织培训3600人次，参训率98.4%',
      'sections[2].facts': '投入资金1.42亿元，新建学校4所。新增学位2700个',
      'sections[3].facts': '① 建成智慧教室186间 ② 千兆光纤接入率达到100%',
      leadership: '在区委、区政府的正确领导下',
      theme: '嗯，就是围绕办人民满意的教育推进各项工作',
      problems: '城区学位紧张；乡村学校缺少专职心理教师',
      nextSteps: '1、新建小学2所\n2、推进集团化办学\n就这些',
      'signature.date': '2025年12月18日',
    },
    figures: ['2025年', '58个', '23名', '１２８名', '3600人次', '98.4%', '1.42亿元', '4所', '2700个', '186间', '100%', '2所', '2025年12月18日'],
    neverAsked: ['period'],
    expect: { org: '青河区教育局', period: '2025年', topics: ['党建工作', '教师队伍建设', '校舍建设', '教育信息化'] },
  },
  {
    type: 'half-year-summary',
    answers: {
      org: '单位是柳塘县教育和体育局，写2025年上半年的半年总结',
      sections: '教育教学；招生入学\n校园安全',
      'sections[0].facts': '1. 举办教学开放周活动3次\n2. 全县中考报名人数4126人',
      'sections[1].facts': '义务教育招生计划６８００个学位，已完成网上报名５９２１人。新增公办学位640个。',
      'sections[2].facts': '首先，开展校园安全大检查15轮；其次，整改隐患213处',
      problems: '1）农村小规模学校多\n2）课后服务经费紧',
      nextSteps: '下半年迎接省级督导评估；完成秋季招生',
    },
    figures: ['2025年上半年', '3次', '4126人', '６８００个', '５９２１人', '640个', '15轮', '213处'],
    neverAsked: ['period'],
    expect: { org: '柳塘县教育和体育局', period: '2025年上半年', topics: ['教育教学', '招生入学', '校园安全'] },
  },
  {
    type: 'safety-summary',
    answers: {
      org: '以河口镇中心学校的名义写',
      period: '2025年度吧',
      sections: '隐患排查、食品安全、防溺水',
      'sections[0].facts': '开展安全检查４２次，排查隐患１３７处，整改率100%',
      'sections[1].facts': '（1）食堂“明厨亮灶”覆盖9所学校\n（2）组织食品安全培训2场',
      'sections[2].facts': '发放致家长一封信3500份；暑期巡河180人次。',
      problems: '部分学校监控设备老化',
      nextSteps: '新增监控探头60个；开展应急演练每学期不少于2次',
      'signature.date': '2025年12月30日',
    },
    figures: ['2025年度', '４２次', '１３７处', '100%', '9所', '2场', '3500份', '180人次', '60个', '2次', '2025年12月30日'],
    neverAsked: [],
    expect: { org: '河口镇中心学校', period: '2025年度', topics: ['隐患排查', '食品安全', '防溺水'] },
  },
  {
    type: 'work-plan',
    answers: {
      org: '我们是青河区第二中学，计划是2025—2026学年第一学期的',
      sections: '教学常规\n教师培训\n家校共育',
      'sections[0].facts': '每月开展1次教学常规检查；9月底前完成集体备课制度修订',
      'sections[1].facts': '一是新教师岗前培训不少于24学时，二是组织骨干教师外出学习２批次',
      'sections[2].facts': '召开家长会2次。家访覆盖率达到100%',
      goals: '1. 中考优秀率提高到35%\n2. 学生体质健康达标率96%以上',
      schedule: '9月：开学检查；新生入学教育\n10月：期中教学视导\n11月：家长开放日',
      'signature.date': '2025年8月28日',
    },
    figures: ['2025—2026学年', '1次', '9月', '24学时', '２批次', '2次', '100%', '35%', '96%', '10月', '11月', '2025年8月28日'],
    neverAsked: ['period'],
    expect: { org: '青河区第二中学', period: '2025—2026学年第一学期', topics: ['教学常规', '教师培训', '家校共育'] },
  },
  {
    type: 'key-points',
    answers: {
      org: '青河区教育局，2026年的工作要点',
      sections: '党的建设\n教师队伍建设\n办学条件改善',
      'sections[0].facts': '新建党建示范校10所',
      'sections[1].facts': '招聘教师150名；评选骨干教师60名；完成全员培训5000人次',
      'sections[2].facts': '新建、改扩建学校３所，新增学位１８００个。年底前完成全部食堂改造',
      guidance: '全国教育大会精神、《教育强国建设规划纲要（2024—2035年）》',
      theme: '以建设高质量教育体系为主线',
    },
    figures: ['2026年', '10所', '150名', '60名', '5000人次', '３所', '１８００个'],
    neverAsked: ['period'],
    expect: { org: '青河区教育局', period: '2026年', topics: ['党的建设', '教师队伍建设', '办学条件改善'] },
  },
];

async function start(fetcher: Fetcher, type: string): Promise<Turn & { id: string }> {
  const response = await postJson(fetcher, '/api/sessions', { type });
  expect(response.status).toBe(201);
  return response.json();
}

async function say(fetcher: Fetcher, id: string, text: string): Promise<Turn> {
  const response = await postJson(fetcher, `/api/sessions/${id}/messages`, { text });
  expect(response.status).toBe(200);
  return response.json();
}

async function expectError(response: Response, status: number, pattern?: RegExp) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body.error.code).toEqual(expect.any(String));
  expect(body.error.message).toMatch(CHINESE);
  if (pattern) expect(body.error.message).toMatch(pattern);
  return body.error;
}

/** Answers by the field asked until the interview stops asking; returns the fields asked, in order. */
async function interview(fetcher: Fetcher, id: string, first: Turn, answers: Record<string, string>) {
  const asked: string[] = [];
  let turn = first;
  for (let i = 0; turn.state === 'asking' && i < 40; i++) {
    const field = turn.reply.field!;
    asked.push(field);
    turn = await say(fetcher, id, answers[field] ?? '跳过');
  }
  return { asked, turn };
}

/** A session answered up to the first work area's facts: org, period and two areas given. */
async function halfway(fetcher: Fetcher) {
  const session = await start(fetcher, 'annual-summary');
  await say(fetcher, session.id, '我们是青河区教育局，写2025年的总结');
  const turn = await say(fetcher, session.id, '党建工作、教师队伍建设');
  return { id: session.id, turn };
}

export function sessionsSuite(fetcher: Fetcher) {
  describe('sessions: whole interviews', () => {
    for (const script of scripts) {
      it(`${script.type}: free-text answers reach ready, and the draft holds every typed figure`, async () => {
        const session = await start(fetcher, script.type);
        expect(session.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(session.state).toBe('asking');
        expect(session.reply.field).toBe('org');
        expect(session.reply.text).toMatch(/例如：/);

        const { asked, turn } = await interview(fetcher, session.id, session, script.answers);
        for (const field of script.neverAsked) expect(asked).not.toContain(field);
        // Required questions come first: org, period, the work areas, then each area's facts.
        expect(asked.indexOf('sections')).toBeLessThan(asked.indexOf('sections[0].facts'));
        expect(turn.state).toBe('confirming');
        expect(turn.facts.org).toBe(script.expect.org);
        expect(turn.facts.period).toBe(script.expect.period);
        expect(turn.facts.sections.map((s: { topic: string }) => s.topic)).toEqual(script.expect.topics);
        // Review shows the facts and the numbered outline.
        expect(turn.reply.text).toContain(script.expect.org);
        expect(turn.reply.text).toMatch(/一、/);

        const confirmed = await say(fetcher, session.id, '确认');
        expect(confirmed.state).toBe('ready');

        const response = await postJson(fetcher, `/api/sessions/${session.id}/draft`, {});
        expect(response.status).toBe(201);
        const draft = await response.json();
        expect(draft.sessionId).toBe(session.id);
        for (const figure of script.figures) expect(draft.markdown, `figure ${figure}`).toContain(figure);
        expect(draft.figures.invented).toEqual([]);

        const stored = await (await fetcher(`/api/sessions/${session.id}`)).json();
        expect(stored.drafts).toEqual([draft.id]);
        expect(stored.state).toBe('ready');
      });
    }

    it('several facts in one answer become several facts; numbering typed is stripped and figures kept', async () => {
      const { id } = await halfway(fetcher);
      const turn = await say(fetcher, id, '1. 新发展党员２３名\n2. 开展专题党课12场；3. 党组织覆盖率100%');
      expect(turn.facts.sections[0].facts).toEqual(['新发展党员２３名', '开展专题党课12场', '党组织覆盖率100%']);
      expect(turn.reply.field).toBe('sections[1].facts');
    });
  });

  describe('sessions: answers as people give them', () => {
    it('今年 is read from the server’s clock, said back for confirmation, and filed on 对', async () => {
      // The year in China now, as the server reads it (the same clock on Node and in workerd).
      const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());
      const session = await start(fetcher, 'annual-summary');
      await say(fetcher, session.id, '青河区教育局');
      const said = await say(fetcher, session.id, '就写今年的');
      expect(said.reply.text).toContain(`推算为“${year}年”`);
      expect(said.reply.text).toContain('对吗？');
      expect(said.facts.period).toBeUndefined();
      const filed = await say(fetcher, session.id, '对');
      expect(filed.facts.period).toBe(`${year}年`);
      expect(filed.reply.field).toBe('sections');
    });

    it('a frame is not an area, and a fact added from the review lands in its area', async () => {
      const session = await start(fetcher, 'annual-summary');
      for (const text of ['青河区教育局', '2025年']) await say(fetcher, session.id, text);
      const said = await say(fetcher, session.id, '主要是三块：校舍建设、教师培训、校园安全');
      expect(said.reply.text).toContain('3 个工作领域：校舍建设、教师培训、校园安全');
      await say(fetcher, session.id, '对');
      for (const text of ['新建学校6所', '培训教师4200人次', '排查隐患317处', '完成']) await say(fetcher, session.id, text);
      const added = await say(fetcher, session.id, '校舍建设还有一条：改造农村薄弱学校旱厕15所');
      expect(added.state).toBe('confirming');
      expect(added.facts.sections[0].facts).toEqual(['新建学校6所', '改造农村薄弱学校旱厕15所']);
      expect(added.facts.leadership).toBeUndefined();
    });
  });

  describe('sessions: controls', () => {
    it('上一步 undoes the last answer and asks its question again', async () => {
      const session = await start(fetcher, 'annual-summary');
      const answered = await say(fetcher, session.id, '我们是青河区教育局，写2025年的总结');
      expect(answered.facts.org).toBe('青河区教育局');
      const back = await say(fetcher, session.id, '上一步');
      expect(back.facts.org).toBeUndefined();
      expect(back.facts.period).toBeUndefined();
      expect(back.reply.field).toBe('org');
      const again = await say(fetcher, session.id, '返回');
      expect(again.reply.field).toBe('org');
      expect(again.reply.text).toMatch(/第一步/);
    });

    it('跳过 skips an optional question but not a required one', async () => {
      const session = await start(fetcher, 'annual-summary');
      const refused = await say(fetcher, session.id, '跳过');
      expect(refused.reply.field).toBe('org');
      expect(refused.reply.text).toMatch(/必填/);
      const { id } = await halfway(fetcher);
      await say(fetcher, id, '新发展党员23名');
      const optional = await say(fetcher, id, '招聘教师135名');
      expect(optional.reply.field).toBe('leadership');
      const skipped = await say(fetcher, id, '跳过');
      expect(skipped.reply.field).toBe('guidance');
      expect(skipped.facts.leadership).toBeUndefined();
      expect(skipped.reply.progress.done).toBe(optional.reply.progress.done + 1);
    });

    it('修改 + a part name jumps to that field, then resumes where it was', async () => {
      const { id, turn } = await halfway(fetcher);
      expect(turn.reply.field).toBe('sections[0].facts');
      await say(fetcher, id, '新发展党员23名');
      const jump = await say(fetcher, id, '修改单位名称');
      expect(jump.reply.field).toBe('org');
      expect(jump.reply.text).toContain('青河区教育局');
      const changed = await say(fetcher, id, '青河区第一中学');
      expect(changed.facts.org).toBe('青河区第一中学');
      expect(changed.reply.field).toBe('sections[1].facts');
      const byTopic = await say(fetcher, id, '修改党建工作');
      expect(byTopic.reply.field).toBe('sections[0].facts');
      const replaced = await say(fetcher, id, '新发展党员25名');
      expect(replaced.facts.sections[0].facts).toEqual(['新发展党员25名']);
      expect(replaced.reply.field).toBe('sections[1].facts');
    });

    it('完成 finishes early: review, then a draft with 【待补充】 markers for what is missing', async () => {
      const session = await start(fetcher, 'annual-summary');
      await say(fetcher, session.id, '青河区教育局');
      const done = await say(fetcher, session.id, '完成');
      expect(done.state).toBe('confirming');
      expect(done.reply.text).toMatch(/待补充/);
      const response = await postJson(fetcher, `/api/sessions/${session.id}/draft`, {});
      expect(response.status).toBe(201);
      const draft = await response.json();
      expect(draft.markdown).toContain('青河区教育局');
      expect(draft.markdown).toMatch(/【待补充：时间段】/);
      expect(draft.markdown).toMatch(/【待补充：[^】]+】/);
    });

    it('直接生成 goes straight to ready', async () => {
      const { id } = await halfway(fetcher);
      const turn = await say(fetcher, id, '直接生成');
      expect(turn.state).toBe('ready');
      expect(turn.reply.field).toBeNull();
    });

    it('重新开始 clears every answer', async () => {
      const { id } = await halfway(fetcher);
      const turn = await say(fetcher, id, '重新开始');
      expect(turn.facts.org).toBeUndefined();
      expect(turn.facts.sections).toEqual([]);
      expect(turn.reply.field).toBe('org');
      const back = await say(fetcher, id, '上一步');
      expect(back.facts.org).toBeUndefined();
    });

    it('filler, empty, unparseable and over-long answers get a clear message and lose nothing', async () => {
      const { id, turn } = await halfway(fetcher);
      const filler = await say(fetcher, id, '嗯，好的');
      expect(filler.reply.field).toBe(turn.reply.field);
      expect(filler.facts).toEqual(turn.facts);
      const empty = await say(fetcher, id, '   ');
      expect(empty.reply.text).toMatch(/没有收到/);
      expect(empty.facts).toEqual(turn.facts);

      const fresh = await start(fetcher, 'annual-summary');
      await say(fetcher, fresh.id, '青河区教育局');
      const unclear = await say(fetcher, fresh.id, '这个还没定');
      expect(unclear.reply.field).toBe('period');
      expect(unclear.reply.text).toMatch(/时间段/);
      expect(unclear.facts.org).toBe('青河区教育局');

      const long = `${'完成校舍维修项目12个。'.repeat(300)}`;
      const capped = await say(fetcher, id, long);
      expect(capped.reply.text).toMatch(/2000/);
      const facts: string[] = capped.facts.sections[0].facts;
      expect(facts.length).toBeGreaterThan(0);
      for (const fact of facts) expect(fact).toBe('完成校舍维修项目12个');

      const tooLong = await postJson(fetcher, `/api/sessions/${id}/messages`, { text: 'x'.repeat(20_001) });
      await expectError(tooLong, 400, /20000/);
      const after = await (await fetcher(`/api/sessions/${id}`)).json();
      expect(after.facts.org).toBe('青河区教育局');
    });

    it('an unknown session id answers 404 with a clear message', async () => {
      await expectError(await fetcher(`/api/sessions/${UNKNOWN_ID}`), 404, /会话不存在/);
      await expectError(await postJson(fetcher, `/api/sessions/${UNKNOWN_ID}/messages`, { text: '你好' }), 404, /会话不存在/);
      await expectError(await postJson(fetcher, `/api/sessions/${UNKNOWN_ID}/draft`, {}), 404, /会话不存在/);
      await expectError(await putJson(fetcher, `/api/sessions/${UNKNOWN_ID}/outline`, { operations: [{ op: 'drop', target: { part: 1 } }] }), 404);
      await expectError(await fetcher('/api/sessions/..%2F..%2Fetc'), 404);
    });

    it('bad requests are 4xx JSON in Chinese', async () => {
      await expectError(await postJson(fetcher, '/api/sessions', { type: 'no-such-type' }), 400, /未知的报告类型/);
      await expectError(await postJson(fetcher, '/api/sessions', {}), 400);
      const { id } = await halfway(fetcher);
      await expectError(await postJson(fetcher, `/api/sessions/${id}/messages`, { text: 42 }), 400);
      await expectError(await postJson(fetcher, `/api/sessions/${id}/draft`, {}), 409, /完成/);
    });

    it('sessions never mix', async () => {
      const a = await start(fetcher, 'annual-summary');
      const b = await start(fetcher, 'annual-summary');
      expect(a.id).not.toBe(b.id);
      await Promise.all([say(fetcher, a.id, '甲区教育局'), say(fetcher, b.id, '乙县教育局')]);
      expect((await (await fetcher(`/api/sessions/${a.id}`)).json()).facts.org).toBe('甲区教育局');
      expect((await (await fetcher(`/api/sessions/${b.id}`)).json()).facts.org).toBe('乙县教育局');
    });
  });

  describe('sessions: review and outline edits', () => {
    async function reviewed() {
      const { id } = await halfway(fetcher);
      await say(fetcher, id, '新发展党员23名');
      await say(fetcher, id, '招聘教师135名');
      await say(fetcher, id, '修改工作领域');
      await say(fetcher, id, '党建工作、教师队伍建设、学前教育');
      await say(fetcher, id, '新增公办幼儿园5所');
      return { id, turn: await say(fetcher, id, '完成') };
    }

    it('review lists the facts and the numbered outline; GET returns transcript, facts, state, outline', async () => {
      const { id, turn } = await reviewed();
      expect(turn.state).toBe('confirming');
      for (const fact of ['新发展党员23名', '招聘教师135名', '新增公办幼儿园5所']) expect(turn.reply.text).toContain(fact);
      const session = await (await fetcher(`/api/sessions/${id}`)).json();
      expect(session.state).toBe('confirming');
      expect(session.outline.items.map((i: { number: string }) => i.number).slice(0, 3)).toEqual(['一、', '二、', '三、']);
      expect(session.outline.items.slice(0, 3).map((i: { topic: string }) => i.topic)).toEqual(['党建工作', '教师队伍建设', '学前教育']);
      for (const line of session.outline.items.map((i: { number: string; heading: string }) => `${i.number}${i.heading}`)) {
        expect(turn.reply.text).toContain(line);
      }
      expect(session.transcript.filter((t: { role: string }) => t.role === 'user').map((t: { text: string }) => t.text)).toContain('招聘教师135名');
    });

    it('rename, move, merge and drop by message, then the draft follows the edited outline', async () => {
      const { id } = await reviewed();
      const renamed = await say(fetcher, id, '把第二部分改名为锻造高素质教师队伍');
      expect(renamed.facts.sections[1].heading).toBe('锻造高素质教师队伍');
      const moved = await say(fetcher, id, '第三部分移到第一');
      expect(moved.facts.sections.map((s: { topic: string }) => s.topic)).toEqual(['学前教育', '党建工作', '教师队伍建设']);
      const merged = await say(fetcher, id, '合并第二和第三部分');
      expect(merged.facts.sections).toHaveLength(2);
      expect(merged.facts.sections[1].facts).toEqual(['新发展党员23名', '招聘教师135名']);
      const outline = (await (await fetcher(`/api/sessions/${id}`)).json()).outline;
      const problems = outline.items.findIndex((i: { key: string }) => i.key === 'problems') + 1;
      const dropped = await say(fetcher, id, `删除第${problems}部分`);
      expect(dropped.state).toBe('confirming');
      const refused = await say(fetcher, id, '删除第九部分');
      expect(refused.reply.text).toMatch(/没有第9部分/);
      expect(await say(fetcher, id, '确认')).toMatchObject({ state: 'ready' });
      const draft = await (await postJson(fetcher, `/api/sessions/${id}/draft`, {})).json();
      expect(draft.markdown).toMatch(/^## 一、.*学前教育/m);
      expect(draft.markdown).not.toMatch(/^## .*存在的问题/m);
      for (const figure of ['23名', '135名', '5所']) expect(draft.markdown).toContain(figure);
    });

    it('PUT …/outline edits the same way; an impossible edit is a 400 that changes nothing', async () => {
      const { id } = await reviewed();
      const response = await putJson(fetcher, `/api/sessions/${id}/outline`, {
        operations: [
          { op: 'rename', target: { part: 1 }, heading: '全面加强党的建设' },
          { op: 'move', target: { part: 3 }, to: { part: 2 } },
        ],
      });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.outline.items[0].heading).toBe('全面加强党的建设');
      expect(body.outline.items[1].topic).toBe('学前教育');
      expect(body.done).toHaveLength(2);
      const bad = await putJson(fetcher, `/api/sessions/${id}/outline`, { operations: [{ op: 'merge', targets: [{ part: 1 }, { part: 30 }] }] });
      await expectError(bad, 400, /没有第30部分/);
      await expectError(await putJson(fetcher, `/api/sessions/${id}/outline`, { operations: [{ op: 'explode' }] }), 400);
      const after = await (await fetcher(`/api/sessions/${id}`)).json();
      expect(after.facts.sections.map((s: { topic: string }) => s.topic)).toEqual(['党建工作', '学前教育', '教师队伍建设']);
    });

    it('drafts stream as server-sent events; each draft is stored and linked from the session', async () => {
      const { id } = await reviewed();
      const first = await (await postJson(fetcher, `/api/sessions/${id}/draft`, {})).json();
      const streamed = await postJson(fetcher, `/api/sessions/${id}/draft`, {}, { accept: 'text/event-stream' });
      expect(streamed.headers.get('content-type')).toMatch(/text\/event-stream/);
      const events = await readEvents(streamed);
      expect(events[0].event).toBe('outline');
      const done = events.at(-1)!;
      expect(done.event).toBe('done');
      expect(done.data.sessionId).toBe(id);
      const session = await (await fetcher(`/api/sessions/${id}`)).json();
      expect(session.drafts).toEqual([first.id, done.data.id]);
      const stored = await (await fetcher(`/api/drafts/${done.data.id}`)).json();
      expect(stored.markdown).toBe(done.data.markdown);
    });
  });
}
