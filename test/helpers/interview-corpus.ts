/**
 * Drives one interview of test/fixtures/interviews over HTTP the way a person would (the answer for the field
 * asked, “对” to a 对吗？, 跳过 for anything else) and checks the facts it reached against the fixture.
 */
export interface InterviewFixture {
  name: string;
  type: string;
  /** The server's date for this interview (YYYY-MM-DD): 今年, 上学期 … are read from it. */
  today: string;
  answers: Record<string, string>;
  /** What to answer, by field, when the assistant says back what it understood and asks 对吗？ (default 对). */
  confirm?: Record<string, string>;
  /** Sent once the interview reached the review (补充, 再加一个领域 …). */
  atReview?: string[];
  expect: {
    org: string;
    period: string;
    topics: string[];
    /** Figures and the field each must be filed under: `areas` by work-area name, the rest by field name. */
    figures: { areas?: Record<string, string[]> } & Record<string, string[] | Record<string, string[]>>;
    /** Figures that must not be anywhere (a figure the person corrected mid-answer). */
    absent?: string[];
  };
}

export type Send = (path: string, body: unknown) => Promise<{ status: number; body: any }>;

export interface InterviewRun {
  facts: any;
  state: string;
  /** What went wrong, one line each; empty when the interview reached the review with every figure filed right. */
  problems: string[];
  transcript: Array<{ role: 'user' | 'assistant'; text: string }>;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The figure as a whole in the text: 1次 is not in 11次, 2所 is not in 2.2所. */
const holds = (text: string, figure: string) => new RegExp(`(?<![0-9０-９.．])${escape(figure)}`).test(text);

const DIGITS = /[0-9０-９]+(?:[.．][0-9０-９]+)?/g;

export async function runInterview(send: Send, fixture: InterviewFixture): Promise<InterviewRun> {
  const transcript: InterviewRun['transcript'] = [];
  const problems: string[] = [];
  const started = await send('/api/sessions', { type: fixture.type });
  if (started.status !== 201) return { facts: {}, state: 'error', problems: [`创建会话 ${started.status}`], transcript };
  const id = started.body.id as string;
  let turn = started.body;
  transcript.push({ role: 'assistant', text: turn.reply.text });
  const used = new Set<string>();
  const say = async (text: string) => {
    transcript.push({ role: 'user', text });
    const answer = await send(`/api/sessions/${id}/messages`, { text });
    if (answer.status !== 200) throw new Error(`回答“${text}”得到 ${answer.status}`);
    turn = answer.body;
    transcript.push({ role: 'assistant', text: turn.reply.text });
  };
  let confirmations = 0;
  for (let i = 0; i < 60 && turn.state === 'asking'; i++) {
    const field = turn.reply.field as string;
    if (/对吗？/.test(turn.reply.text) && confirmations < 4) {
      confirmations++;
      await say(fixture.confirm?.[field] ?? '对');
    } else if (fixture.answers[field] !== undefined && !used.has(field)) {
      used.add(field);
      await say(fixture.answers[field]);
    } else if (used.has(field) && fixture.answers[field] !== undefined) {
      problems.push(`又问了一次 ${field}：${turn.reply.text.split('\n')[0]}`);
      await say('完成');
    } else {
      await say('跳过');
      if (turn.state === 'asking' && turn.reply.field === field) {
        problems.push(`必填的 ${field} 没有答案，只好说“完成”`);
        await say('完成');
      }
    }
  }
  for (const message of fixture.atReview ?? []) {
    await say(message);
    for (let i = 0; i < 6 && turn.state === 'asking'; i++) await say(/对吗？/.test(turn.reply.text) ? (fixture.confirm?.[turn.reply.field] ?? '对') : '跳过');
  }
  const facts = turn.facts;
  if (turn.state !== 'confirming') problems.push(`没有到达核对（${turn.state}）`);
  checkFacts(fixture, facts, problems);
  return { facts, state: turn.state, problems, transcript };
}

/** Compares the facts reached with the fixture's fact sheet. */
export function checkFacts(fixture: InterviewFixture, facts: any, problems: string[]): void {
  const { expect: want } = fixture;
  if (facts.org !== want.org) problems.push(`单位：得到“${facts.org}”，应为“${want.org}”`);
  if (facts.period !== want.period) problems.push(`时间段：得到“${facts.period}”，应为“${want.period}”`);
  const topics = (facts.sections ?? []).map((s: any) => s.topic);
  if (JSON.stringify(topics) !== JSON.stringify(want.topics)) problems.push(`工作领域：得到 ${JSON.stringify(topics)}，应为 ${JSON.stringify(want.topics)}`);
  for (const [topic, figures] of Object.entries(want.figures.areas ?? {})) {
    const section = (facts.sections ?? []).find((s: any) => s.topic === topic);
    const text = (section?.facts ?? []).join('\n');
    for (const figure of figures) if (!holds(text, figure)) problems.push(`“${topic}”缺少 ${figure}`);
  }
  for (const [field, figures] of Object.entries(want.figures)) {
    if (field === 'areas') continue;
    const value = facts[field];
    const text = Array.isArray(value) ? value.join('\n') : String(value ?? '');
    for (const figure of figures as string[]) if (!holds(text, figure)) problems.push(`${field} 缺少 ${figure}`);
  }
  const all = JSON.stringify(facts);
  for (const figure of want.absent ?? []) if (holds(all, figure)) problems.push(`更正前的 ${figure} 仍在事实中`);
  if (facts.unplaced?.length) problems.push(`未归类 ${facts.unplaced.length} 条：${facts.unplaced.join(' | ')}`);
  // Figures are sacred: every number in the facts (the period aside, read from the date) was typed by the person.
  const typed = [...Object.values(fixture.answers), ...(fixture.atReview ?? [])].join('\n');
  const filed = [
    ...(facts.sections ?? []).flatMap((s: any) => [s.topic, ...(s.facts ?? [])]),
    ...['org', 'leadership', 'theme'].map((k) => facts[k] ?? ''),
    ...['guidance', 'goals', 'problems', 'nextSteps'].flatMap((k) => facts[k] ?? []),
  ].join('\n');
  for (const number of new Set(filed.match(DIGITS) ?? [])) if (!holds(typed, number)) problems.push(`事实中出现了没有说过的数字 ${number}`);
}
