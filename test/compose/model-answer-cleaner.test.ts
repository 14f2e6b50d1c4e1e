/** The answer cleaner, directly: the whole corpus of real-looking answers, streamed in uneven chunks and whole. */
import { describe, expect, it } from 'vitest';
import { AnswerCleaner, cleanAnswer, jsonFromAnswer, withoutEmphasis } from '../../src/compose/model-answer-cleaner.js';
import { findFigures } from '../../src/domain/figures.js';
import { partAnswers, parserAnswers, type AnswerContext } from '../fixtures/model-answers.js';
import { unevenChunks, wrappingLeft } from '../helpers/wrapping.js';

const contexts: AnswerContext[] = [
  { kind: 'part', facts: ['全区教育系统48个基层党组织全部完成标准化规范化建设', '开展专题读书班6期，覆盖党员1260人次', '新发展党员37名'], heading: '一、坚持党建引领，全面从严治党向纵深推进', formula: '', wantsHeading: false },
  { kind: 'part', facts: ['招聘中小学教师118名', '组织全员培训3600人次，参训率96.4%'], heading: '（二）加强教师队伍建设', formula: '', wantsHeading: true },
  { kind: 'opening', facts: [], heading: '', formula: '现将有关情况总结如下。', wantsHeading: false },
];

/** Streams an answer through a cleaner in the given chunks; returns what went out, sentence by sentence. */
function stream(chunks: string[], options = {}, truncated = false) {
  const sent: string[] = [];
  const cleaner = new AnswerCleaner((s) => sent.push(s), options);
  const seenAfter: string[] = [];
  for (const c of chunks) {
    cleaner.push(c);
    seenAfter.push(sent.join(''));
  }
  const verdict = cleaner.finish(truncated);
  return { text: sent.join(''), verdict, heading: cleaner.heading, seenAfter };
}

describe('answer cleaner: the corpus', () => {
  it('has at least 40 part answers and 8 parser answers, all with distinct ids', () => {
    expect(partAnswers.length).toBeGreaterThanOrEqual(40);
    expect(new Set(partAnswers.map((a) => a.id)).size).toBe(partAnswers.length);
    expect(parserAnswers.length).toBeGreaterThanOrEqual(8);
  });

  for (const answer of partAnswers) {
    it(`${answer.id}: nothing of the wrapping left, streamed (three chunkings) and whole`, () => {
      for (const [i, ctx] of contexts.entries()) {
        const raw = answer.content(ctx);
        const truncated = answer.finishReason === 'length';
        const options = { headingLine: ctx.wantsHeading, knownHeadings: [ctx.heading].filter(Boolean) };
        const whole = cleanAnswer(raw, { ...options, truncated });
        for (const seed of [1, 7, 42 + i]) {
          const streamed = stream(unevenChunks(raw, seed), options, truncated);
          // The same text whichever way it arrived, and nothing shown mid-stream that the end would hide.
          expect(streamed.text.trim()).toBe(whole.text);
          for (const shown of streamed.seenAfter) expect(wrappingLeft(shown), `${answer.id} mid-stream: ${shown}`).toEqual([]);
        }
        expect(wrappingLeft(whole.text), `${answer.id}: ${whole.text}`).toEqual([]);
        if (answer.unusable) {
          expect(whole.verdict).not.toBe('text');
          expect(whole.text).toBe('');
          continue;
        }
        // A cut-off opening of one long sentence has nothing finished to keep.
        if (truncated && whole.verdict === 'empty') continue;
        expect(whole.verdict, `${answer.id}: ${raw}`).toBe('text');
        if (ctx.kind === 'opening') expect(whole.text.endsWith(ctx.formula)).toBe(true);
      }
    });
  }
});

describe('answer cleaner: rules', () => {
  it("finds the JSON after any kind of reasoning tag (the interview's model parser)", () => {
    expect(jsonFromAnswer('<thinking>先找单位。</thinking>\n```json\n{"org":"某局"}\n```')).toBe('{"org":"某局"}');
    expect(jsonFromAnswer('◁think▷单位是{某局}。◁/think▷{"org":"某局"}')).toBe('{"org":"某局"}');
    expect(jsonFromAnswer('想一想{不是这个}。</reasoning>{"period":"2025年"}')).toBe('{"period":"2025年"}');
  });

  it('hides every kind of reasoning tag, even split one character at a time', () => {
    for (const [open, close] of [['<thinking>', '</thinking>'], ['<reasoning>', '</reasoning>'], ['◁think▷', '◁/think▷']]) {
      const raw = `${open}先想一想。${close}全区招聘教师118名。${open}再检查数字。${close}新建校舍3所。`;
      expect(stream([...raw]).text.trim(), open).toBe('全区招聘教师118名。新建校舍3所。');
    }
  });

  it("hides reasoning under a label up to the answer's label; with no answer after it, nothing is text", () => {
    expect(cleanAnswer('思考过程：先概括，再写事实。\n\n回答：全区招聘教师118名。').text).toBe('全区招聘教师118名。');
    expect(cleanAnswer('【思考】数字照抄。\n【回答】\n全区招聘教师118名。').text).toBe('全区招聘教师118名。');
    expect(cleanAnswer('思考过程：先概括，再写事实，招聘教师118名要写上。').verdict).not.toBe('text');
  });

  it('never takes a label or a 【待补充】 marker for the heading asked for', () => {
    expect(cleanAnswer('【正文】\n强化师资建设\n\n招聘教师118名。', { headingLine: true })).toMatchObject({ heading: '强化师资建设', text: '招聘教师118名。' });
    expect(cleanAnswer('标题：强化师资建设\n正文：招聘教师118名。', { headingLine: true })).toMatchObject({ heading: '强化师资建设', text: '招聘教师118名。' });
    expect(cleanAnswer('【待补充：本部分内容】', { headingLine: true })).toMatchObject({ text: '【待补充：本部分内容】', verdict: 'text' });
  });

  it('drops chat-template tokens and a second version offered, and numbers emoji bullets', () => {
    expect(cleanAnswer('<|im_start|>assistant\n招聘教师118名。<|im_end|>').text).toBe('招聘教师118名。');
    expect(cleanAnswer('版本一：\n招聘教师118名。\n\n版本二：\n全区招聘教师118名。').text).toBe('招聘教师118名。');
    expect(cleanAnswer('✅ 招聘教师118名。\n✅ 新建校舍3所。').text).toBe('1. 招聘教师118名。\n2. 新建校舍3所。');
  });

  it('reads the prose out of a JSON answer as it streams, whatever splits its escapes', () => {
    const raw = '{"id": "sec-2", "text": "全区招聘教师118名\\uff0c参训率96.4%\\u3002\\n\\n二是新建校舍3所\\u3002", "note": "数字均来自事实"}';
    const whole = cleanAnswer(raw).text;
    expect(whole).toBe('全区招聘教师118名，参训率96.4%。\n\n二是新建校舍3所。');
    // One character at a time splits every \uXXXX and \n escape.
    expect(stream([...raw]).text.trim()).toBe(whole);
  });

  it('drops strings with no Chinese under unknown keys (ids, English) and the fields after the prose', () => {
    const raw = '{"meta": {"model": "qwen", "tokens": [1, 2]}, "section_id": "b", "paragraph": "全区共有学校12所。", "confidence": 0.9}';
    expect(cleanAnswer(raw).text).toBe('全区共有学校12所。');
  });

  it('takes the heading field as the heading only when one was asked for', () => {
    const raw = '{"heading": "强化师资建设", "body": "招聘教师118名。"}';
    expect(cleanAnswer(raw, { headingLine: true })).toMatchObject({ text: '招聘教师118名。', heading: '强化师资建设' });
    expect(cleanAnswer(raw).text).toBe('招聘教师118名。');
  });

  it('lets an answer that only looks like JSON at first go on as text, whole', () => {
    expect(cleanAnswer('{全区}共有学校12所。').text).toBe('{全区}共有学校12所。');
    expect(cleanAnswer('｛注｝全区共有学校12所。').text).toContain('全区共有学校12所。');
  });

  it('keeps what came before a cut-off JSON answer ended, without its unfinished sentence', () => {
    const raw = '{"text": "全区招聘教师118名。新建校舍3所，投入资金';
    expect(cleanAnswer(raw, { truncated: true }).text).toBe('全区招聘教师118名。');
  });

  it('keeps every fact of a wrapped answer, in order, and only those words', () => {
    const raw = '<think>用户要求写党建部分。</think>\n\n好的，以下是正文：\n\n**全区教育系统**坚持把党的政治建设摆在首位。一是完成标准化建设48个；二是覆盖党员1260人次。\n\n**说明**：以上内容根据事实撰写。';
    expect(cleanAnswer(raw).text).toBe('全区教育系统坚持把党的政治建设摆在首位。一是完成标准化建设48个；二是覆盖党员1260人次。');
  });

  it('never shows a <think> tag split across chunks, nor the reasoning inside it', () => {
    const chunks = ['全区推进', '工作。<', 'thi', 'nk>这里', '是思考。</th', 'ink>', '一是完成', '任务。'];
    const out = stream(chunks);
    expect(out.text).toBe('全区推进工作。一是完成任务。');
    expect(out.seenAfter.every((s) => !s.includes('<') && !s.includes('思考'))).toBe(true);
  });

  it('hides an answer that thinks aloud without an opening tag, up to </think>', () => {
    expect(cleanAnswer('嗯，我需要先看看事实。好，开始写。\n</think>\n\n全区完成任务3项。').text).toBe('全区完成任务3项。');
    expect(cleanAnswer('好的，我现在需要写正文。首先看事实。').verdict).toBe('empty');
  });

  it('takes the heading from the first line when asked, without numbering or marks, and never a known one', () => {
    const asked = cleanAnswer('**一、强化思想引领，夯实党建根基**\n\n全年开展主题党日12次。', { headingLine: true });
    expect(asked).toMatchObject({ heading: '强化思想引领，夯实党建根基', text: '全年开展主题党日12次。' });
    expect(cleanAnswer('全年开展主题党日12次。', { headingLine: true }).heading).toBeUndefined();
    expect(cleanAnswer('# 青河区教育局2025年工作总结\n\n全年开展主题党日12次。', { headingLine: true, knownHeadings: ['青河区教育局2025年工作总结'] }).heading).toBeUndefined();
    // Not asked: a heading line is dropped, never kept as text; a numbered item with a figure but no full stop stays.
    expect(cleanAnswer('一、强化思想引领\n全年开展主题党日12次。').text).toBe('全年开展主题党日12次。');
    expect(cleanAnswer('全年抓好三项工作。\n（一）开展主题党日12次\n（二）强化思想引领\n').text).toBe('全年抓好三项工作。\n开展主题党日12次');
  });

  it('drops the last, unfinished sentence of an answer cut off at the length limit', () => {
    expect(cleanAnswer('一是完成任务3项。二是培训教师', { truncated: true }).text).toBe('一是完成任务3项。');
    expect(cleanAnswer('一是完成任务3项。二是培训教师').text).toBe('一是完成任务3项。二是培训教师');
  });

  it('tells a refusal, an English answer and an empty one apart', () => {
    expect(cleanAnswer('抱歉，我无法完成这个请求。').verdict).toBe('refusal');
    expect(cleanAnswer('The district made steady progress in all areas this year.').verdict).toBe('foreign');
    expect(cleanAnswer('  \n').verdict).toBe('empty');
    // A Chinese sentence naming STEM or 5G is Chinese.
    expect(cleanAnswer('建成STEM教育基地3个，实现5G网络全覆盖。').text).toBe('建成STEM教育基地3个，实现5G网络全覆盖。');
  });

  it('keeps prose that only looks like chat: the genre formula, 根据 without 您, 以上 in a sentence', () => {
    for (const prose of ['现将有关情况总结如下。', '根据市教育局统一部署，开展专项检查2次。', '覆盖率达95%以上。', '要修改完善学校章程内容。']) {
      expect(cleanAnswer(prose).text).toBe(prose);
    }
  });

  it('tells a chat preamble starting 好的，我 from a model thinking aloud', () => {
    expect(cleanAnswer('好的，我来为您撰写这一部分。\n\n全区完成任务3项。').text).toBe('全区完成任务3项。');
    expect(cleanAnswer('好的，我将根据您提供的事实撰写如下：\n全区完成任务3项。').text).toBe('全区完成任务3项。');
    expect(cleanAnswer('好的，我现在需要写这一部分。先看事实。\n</think>\n全区完成任务3项。').text).toBe('全区完成任务3项。');
  });

  it('drops notes and sign-offs in other common wordings', () => {
    const body = '全区完成任务3项。';
    for (const wrap of ['【说明】以上内容依据事实撰写。', '请注意：数字均照抄。', '希望这份材料能满足您的需要。', '以上是根据您提供的事实撰写的正文，如有需要可以进一步修改。', 'PS: figures are from the facts.', '祝您工作顺利！']) {
      expect(cleanAnswer(`${body}\n\n${wrap}`).text, wrap).toBe(body);
    }
    expect(cleanAnswer(`以下内容供您参考：\n${body}`).text).toBe(body);
    expect(cleanAnswer(`**正文：**\n${body}`).text).toBe(body);
  });

  it('reads further wordings of refusals, openers, labels (written after a held-out check)', () => {
    const body = '全区完成任务3项。';
    expect(cleanAnswer('很遗憾，我无法协助完成此类公文写作。').verdict).toBe('refusal');
    expect(cleanAnswer('这个请求我不能完成，请谅解。').verdict).toBe('refusal');
    for (const wrap of ['OK，以下是正文。', '嗯，好的。', '党建工作：', '【正文】']) expect(cleanAnswer(`${wrap}\n${body}`).text, wrap).toBe(body);
    // A lead-in line with a comma or a figure is text.
    expect(cleanAnswer(`全年重点抓了三件事，分述如下：\n${body}`).text).toBe(`全年重点抓了三件事，分述如下：\n${body}`);
  });

  it('drops a bold heading line, HTML a model adds, quotation marks around the whole answer, and 以上内容 sign-offs', () => {
    const body = '全区完成任务3项。二是发展党员8名。';
    expect(cleanAnswer(`**党建工作**\n\n${body}`).text).toBe(body);
    expect(cleanAnswer(`**党建工作**\n\n${body}`, { headingLine: true }).heading).toBe('党建工作');
    expect(cleanAnswer(`${body}<br><p>开展培训2次。</p>`).text).toBe(`${body}开展培训2次。`);
    expect(cleanAnswer(`“${body}”`).text).toBe(body);
    expect(cleanAnswer('“双减”政策落实到位，作业公示率100%。').text).toBe('“双减”政策落实到位，作业公示率100%。');
    expect(cleanAnswer(`${body}\n\n以上内容可根据实际情况调整。`).text).toBe(body);
  });

  it('drops what speaks to the user (您), end marks and bracketed notes; numbers bullets (a third held-out batch)', () => {
    const body = '全区完成任务3项。';
    for (const wrap of ['您好！根据您的要求，正文如下：', '明白了，下面直接给出正文。']) expect(cleanAnswer(`${wrap}\n${body}`).text, wrap).toBe(body);
    for (const wrap of ['（注：本段约120字，可按需增删。）', '（完）', '期待您的反馈！']) expect(cleanAnswer(`${body}\n\n${wrap}`).text, wrap).toBe(body);
    expect(cleanAnswer('* 开展主题党日12次\n* 发展党员8名\n\n- 完成换届9个').text).toBe('1. 开展主题党日12次\n2. 发展党员8名\n\n3. 完成换届9个'); // a loose list goes on counting
  });

  it('drops questions to the user, asides after the text, writing tips, glued numbered headings (a fourth held-out batch)', () => {
    const body = '全区完成任务3项。';
    expect(cleanAnswer(`一、坚持党建引领：${body}`).text).toBe(body);
    for (const wrap of ['——以上为本部分正文', '写作提示：可补充典型案例。', '需要我再写其他部分吗？', '***\n\n以下是修改建议：增加案例。']) {
      expect(cleanAnswer(`${body}\n\n${wrap}`).text, wrap).toBe(body);
    }
    // A question in the prose that is not to the user stays; so does a colon lead-in later in the text.
    expect(cleanAnswer('如何减轻学生负担？全区推行作业公示3项。').text).toBe('如何减轻学生负担？全区推行作业公示3项。');
  });

  it('drops review requests, word counts, emoji and emoticons (a fifth held-out batch)', () => {
    const body = '全区完成任务3项。';
    for (const wrap of ['注意事项：数字请核对。', '敬请审阅。', '（字数：约60字）']) expect(cleanAnswer(`${body}\n\n${wrap}`).text, wrap).toBe(body);
    expect(cleanAnswer(`${body}以上供参考。`).text).toBe(body);
    expect(cleanAnswer(`${body} :) 😊`).text).toBe(body);
  });

  it('removes bold, italics and inline code marks but not escaped ones', () => {
    expect(withoutEmphasis('**一是**完成*着力*任务`3项`，\\*保留\\*')).toBe('一是完成着力任务3项，\\*保留\\*');
  });

  it('finds the JSON in a wrapped parser answer', () => {
    const json = '{"org":"青河区教育局","facts":["开展培训12次"]}';
    for (const answer of parserAnswers) expect(JSON.parse(jsonFromAnswer(answer.content(json))), answer.id).toEqual(JSON.parse(json));
  });

  it('keeps every figure of the facts in a clean answer (nothing lost to cleaning)', () => {
    const ctx = contexts[0];
    const text = cleanAnswer(partAnswers.find((a) => a.id === 'qwen-all-at-once')!.content(ctx)).text;
    for (const fact of ctx.facts) for (const f of findFigures(fact)) expect(text).toContain(f);
  });
});
