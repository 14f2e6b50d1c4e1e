/**
 * A scripted "good model" for the dialogue's model answer parser, for test/helpers/fake-openai-server.ts: it
 * reads the field and the answer out of the parser's prompt and returns what a careful model would — the
 * fixture's unit, period and work-area names (which a model understands and a rule may not), the answer's own
 * clauses as items, nothing invented — plus, in every list it returns, one item with a figure the person never
 * typed, which the plumbing must drop. It never sees the offline parser.
 */
import type { SeenRequest } from './fake-openai-server.js';
import type { InterviewFixture } from './interview-corpus.js';

/** The invented item the "model" slips into every list: no figure in it was typed by anyone. */
export const INVENTED = '另据统计完成培训７７７７人次';

const FILLER = /^(?:嗯+|好的?|那个|问题嘛|就是|然后|另外|还有(?:就是)?|下一步|下半年|明年(?:准备|打算|计划)?|主要是|还存在一些不足|还有一些短板)[，,：:\s]*/;

/** The answer's clauses, as a model lists them: split at sentence and list punctuation, numbering and fillers gone. */
export function clauses(text: string): string[] {
  // A model reads a correction as the person meant it: 培训3000人次，不对，是3200人次 → 培训3200人次.
  const corrected = text.replace(/[0-9０-９.]+([^，,；;0-9０-９]*)[，,]\s*(?:哦|噢)?不对[，,]\s*(?:应该)?是\s*([0-9０-９.]+)\1/g, '$2$1');
  return corrected
    .split(/[\n；;。]|(?<=[0-9０-９%％]\S{0,3})[，,](?=[^0-9０-９]{2})/)
    .map((part) => part.replace(/^\s*(?:[0-9]+[.、）)]|[（(][0-9一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、是]|[①-⑩*•·-])\s*/, ''))
    .map((part) => {
      let out = part.trim();
      for (let i = 0; i < 3; i++) out = out.replace(FILLER, '');
      return out.replace(/[，,。\s]+$/, '').trim();
    })
    .filter((part) => part.length > 1);
}

function fieldAndAnswer(request: SeenRequest): { field: string; text: string } {
  const field = request.user.match(/填写字段 ([^）)]+)[）)]/)?.[1] ?? '';
  const text = request.user.match(/<answer>\n([\s\S]*?)\n<\/answer>/)?.[1] ?? '';
  return { field, text };
}

/** The fixture's work areas named in the text, in the order they are said, each with what follows it. */
function areasIn(text: string, topics: string[]) {
  const found = topics
    .map((topic) => ({ topic, at: text.indexOf(topic) }))
    .filter((t) => t.at >= 0)
    .sort((a, b) => a.at - b.at);
  return found.map(({ topic, at }, i) => {
    const raw = text.slice(at + topic.length, found[i + 1]?.at ?? text.length);
    const tail = raw.replace(/^(?:这块|方面)?[，,：:\s]*/, '');
    // What follows a name is its facts when said after a colon or with figures, not a joiner (，还有一个是).
    const facts = /^\s*[：:]/.test(raw) || /[0-9０-９]/.test(tail) ? clauses(tail).filter((c) => !topics.some((t) => c === t)) : [];
    return { topic, facts };
  });
}

/** The JSON content the model answers for one request of the dialogue parser. */
export function goodModelAnswer(request: SeenRequest, fixture: InterviewFixture): Record<string, unknown> {
  const { field, text } = fieldAndAnswer(request);
  const want = fixture.expect;
  const items = [...clauses(text), INVENTED];
  if (field === 'org' || field === 'period') {
    const out: Record<string, unknown> = {};
    if (text.includes(want.org.slice(0, 2)) || field === 'org') out.org = want.org;
    if (field === 'period' || fixture.answers.org === text && !fixture.answers.period) out.period = want.period;
    return out;
  }
  if (field === 'sections') {
    const areas = areasIn(text, want.topics);
    const topicFacts = areas.filter((a) => a.facts.length).map((a) => ({ topic: a.topic, facts: [...a.facts, INVENTED] }));
    return { topics: areas.map((a) => a.topic), ...(topicFacts.length ? { topicFacts } : {}) };
  }
  if (/^sections\[\d+\]\.facts$/.test(field)) return { facts: items };
  if (field === 'leadership' || field === 'theme') return { [field]: text.replace(FILLER, '').replace(/[。]$/, '') };
  if (field === 'signature.date') return { date: text };
  return { [field]: items };
}
