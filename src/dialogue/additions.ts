/**
 * Adding to what was collected, at any point: “校舍建设还有一条：…”, “补充：…”, “再加一个领域：…”, and placing or
 * dropping what the parser could not place (未归类). Reads the words; the engine applies them. Pure.
 */
import { FIELD_ALIASES, type CollectedFacts } from './collected-facts.js';

/** An addition: `text` is to be read as an answer for `field` and added to it, not replace it. */
export interface Addition {
  field: string;
  text: string;
}

const NEW_AREA = /^(?:再|另外|还要|还得)?(?:加|增加|添加|新增|补充|补)(?:上)?(?:一个|一项|个)?(?:工作)?领域\s*[:：，,]?\s*([\s\S]+)$/;
const MORE = /^(.{2,40}?)(?:这块|这一块|这方面|方面|这部分|部分)?(?:还有|再补充|补充|另外还有|再加|还要加|再添|增加)(?:一条|一点|几条|一项|两条|几点|一些|一下)?\s*[:：，,]\s*([\s\S]+)$/;
const SUPPLEMENT = /^(?:补充|再补充|另外补充|追加|补一条|再补一条|还有一条|再加一条)(?:一下|一条|一点)?\s*[:：，,]\s*([\s\S]+)$/;

/** The work area or list field a name means, or null. */
function fieldNamed(facts: CollectedFacts, name: string): string | null {
  const bare = name.replace(/^(?:关于|对于|在|给|往)/, '').replace(/[“”"「」]/g, '').trim();
  const exact = facts.sections.findIndex((s) => s.topic === bare || s.heading === bare);
  const loose = exact >= 0 ? exact : facts.sections.findIndex((s) => bare.length >= 2 && (s.topic.includes(bare) || bare.includes(s.topic)));
  if (loose >= 0) return `sections[${loose}].facts`;
  const alias = FIELD_ALIASES.find(([, re]) => re.test(bare));
  return alias && ['guidance', 'goals', 'problems', 'nextSteps'].includes(alias[0]) ? alias[0] : null;
}

/**
 * The addition a message makes, or null when it is not one. `current` is the field being asked (补充 adds to it);
 * 补充 with nothing asked and no area named goes to 未归类 (field `unplaced`).
 * @example detectAddition('校舍建设还有一条：改造旱厕15所', facts, null) // { field: 'sections[0].facts', text: '改造旱厕15所' }
 */
export function detectAddition(text: string, facts: CollectedFacts, current: string | null): Addition | null {
  const t = text.trim();
  const area = NEW_AREA.exec(t);
  if (area) return { field: 'sections', text: area[1].trim() };
  const more = MORE.exec(t);
  if (more) {
    const field = fieldNamed(facts, more[1]);
    if (field) return { field, text: more[2].trim() };
  }
  const supplement = SUPPLEMENT.exec(t);
  if (supplement) {
    const body = supplement[1].trim();
    const named = /^([^：:，,。；;]{2,20})[：:，,]/.exec(body);
    const field = (named && fieldNamed(facts, named[1])) || current || 'unplaced';
    return { field, text: field !== current && named && fieldNamed(facts, named[1]) ? body.slice(named[0].length) : body };
  }
  return null;
}

/** Placing or dropping 未归类 items: “把未归类第1条归入校舍建设”, “删除未归类第2条”, “删除未归类”. */
export type Placement = { op: 'place'; index: number | null; target: string } | { op: 'drop'; index: number | null };

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const numberOf = (s: string | undefined) => (s === undefined ? null : (CN_DIGIT[s] ?? (Number(s) || null)));

const PLACE = /^(?:把|将)?未归类(?:的)?(?:内容)?(?:第\s*([0-9]{1,2}|[一二两三四五六七八九十])\s*条)?\s*(?:归入|放到|放入|移到|归到|并入|放进|加到|归为)\s*(.+?)(?:里|中|下)?[。.]?$/;
const DROP = /^(?:删除|删掉|去掉|丢弃|不要)(?:了)?\s*未归类(?:的)?(?:内容)?(?:第\s*([0-9]{1,2}|[一二两三四五六七八九十])\s*条)?[。.]?$/;

/** @example detectPlacement('把未归类第1条归入校舍建设') // { op: 'place', index: 1, target: '校舍建设' } */
export function detectPlacement(text: string): Placement | null {
  const t = text.trim();
  const place = PLACE.exec(t);
  if (place) return { op: 'place', index: numberOf(place[1]), target: place[2].trim() };
  const drop = DROP.exec(t);
  if (drop) return { op: 'drop', index: numberOf(drop[1]) };
  return null;
}
