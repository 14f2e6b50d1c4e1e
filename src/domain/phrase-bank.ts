/**
 * The phrase picker: chooses our own wording (prompts/_phrases/*.json) for a section's heading and first sentence,
 * grounded in the section: the field of work comes from its topic and facts, and no sentence names a field the
 * section does not; when the field is unclear the lead is a plain lead-in that claims nothing.
 */
import type { Field, PhraseBank, Tense } from './phrase-data.js';
import { fillTemplate } from './report-types.js';

export type { Field, PhraseBank, Tense } from './phrase-data.js';

/** What the picker reads of a section: its topic, the user's heading if any, its facts. */
export interface SectionText {
  topic: string;
  heading?: string;
  facts: readonly string[];
}

/** What the picker reads of a report type: its id and tense pick the register, its genre the context. */
export interface Register {
  id: string;
  tense: Tense;
  genre: string;
  phrases: PhraseBank;
}

const startsWithAny = (text: string, words: readonly string[]) => words.some((w) => text.startsWith(w));
const endsWithAny = (text: string, words: readonly string[]) => words.some((w) => text.endsWith(w));

/** The words of a kind by their first character, longest first, and the fields each word belongs to. */
interface WordIndex {
  byFirst: Map<string, string[]>;
  owners: Map<string, Field[]>;
}
const indexCache = new WeakMap<PhraseBank, Record<'keywords' | 'weak', WordIndex>>();

function wordIndex(bank: PhraseBank, which: 'keywords' | 'weak'): WordIndex {
  let both = indexCache.get(bank);
  if (!both) {
    const build = (kind: 'keywords' | 'weak'): WordIndex => {
      const owners = new Map<string, Field[]>();
      for (const field of bank.fields) for (const word of field[kind]) owners.set(word, [...(owners.get(word) ?? []), field]);
      const byFirst = new Map<string, string[]>();
      for (const word of [...owners.keys()].sort((a, b) => b.length - a.length)) byFirst.set(word[0], [...(byFirst.get(word[0]) ?? []), word]);
      return { byFirst, owners };
    };
    both = { keywords: build('keywords'), weak: build('weak') };
    indexCache.set(bank, both);
  }
  return both[which];
}

/**
 * How many distinct words of each field stand in a text, the longest match first: a keyword inside a longer one
 * does not count on its own (安全 inside 安全工作机制 is 安全责任's, not 安全's).
 */
function keywordHits(bank: PhraseBank, text: string, which: 'keywords' | 'weak'): Map<Field, Set<string>> {
  const { byFirst, owners } = wordIndex(bank, which);
  // The longest word starting at each place; overlapping words both stand (体育 and 育人 in 以体育人).
  let words: Map<Field, Set<string>> | undefined;
  let coveredTo = 0;
  for (let at = 0; at < text.length; at++) {
    const candidates = byFirst.get(text[at]);
    if (!candidates) continue;
    const word = candidates.find((w) => text.startsWith(w, at));
    if (!word) continue;
    const end = at + word.length;
    // Inside a longer word that started earlier: not a word of its own.
    if (end <= coveredTo) continue;
    coveredTo = end;
    for (const field of owners.get(word)!) {
      words ??= new Map();
      let set = words.get(field);
      if (!set) words.set(field, (set = new Set()));
      set.add(word);
    }
  }
  return words ?? EMPTY_HITS;
}
const EMPTY_HITS: Map<Field, Set<string>> = new Map();

/** Each field's parent, looked up once per bank. */
const parentCache = new WeakMap<PhraseBank, Map<Field, Field>>();
function parentOf(bank: PhraseBank, field: Field): Field | undefined {
  let parents = parentCache.get(bank);
  if (!parents) {
    parents = new Map();
    for (const f of bank.fields) {
      const parent = f.parent ? bank.fields.find((p) => p.name === f.parent) : undefined;
      if (parent) parents.set(f, parent);
    }
    parentCache.set(bank, parents);
  }
  return parents.get(field);
}

/** The fields with their parents. */
function withParents(bank: PhraseBank, fields: Iterable<Field>, out = new Set<Field>()): Set<Field> {
  for (const field of fields) for (let f: Field | undefined = field; f && !out.has(f); f = parentOf(bank, f)) out.add(f);
  return out;
}

/** Fields named by the bank's own phrases, per bank: the same few hundred phrases are checked in every draft. */
const namedCache = new WeakMap<PhraseBank, Map<string, Set<Field>>>();
const NAMED_CACHE_MAX = 2000;
/** Recent sections' fields: the outline and the composer ask about the same sections in one draft. */
const CHOICE_CACHE_MAX = 200;

/** The fields a text names by a keyword, with their parents (a text about 消防 speaks of 安全). */
export function fieldsNamed(bank: PhraseBank, text: string, remember = false): Set<Field> {
  let cache = namedCache.get(bank);
  if (!cache) namedCache.set(bank, (cache = new Map()));
  const hit = cache.get(text);
  if (hit) return hit;
  const out = withParents(bank, keywordHits(bank, text, 'keywords').keys());
  if (remember) {
    if (cache.size > NAMED_CACHE_MAX) cache.clear();
    cache.set(text, out);
  }
  return out;
}

const related = (a: Field, b: Field) => a === b || a.parent === b.name || b.parent === a.name || (a.parent !== undefined && a.parent === b.parent);

/** Evidence needed before a field's own wording is used: a keyword in the topic, or in two facts. */
const SURE = 2;

export interface FieldChoice {
  field?: Field;
  /** Every field the section's topic, heading or facts name (with parents): the wording may speak of these only. */
  named: Set<Field>;
  /** False when the evidence is thin or two unrelated fields tie: then only wording that claims nothing is used. */
  sure: boolean;
}

/**
 * The field a section is about, scored on its topic (and heading) and its facts: a keyword in the topic counts 3,
 * each fact holding one counts 1; weak words count less, and a sub-field's weak words only where its parent is in
 * play (named by the section, or by the report's genre: every part of 安全工作总结 is about safety).
 * @example fieldOf(bank, { topic: '搭建工作平台，助推教师专业成长', facts: ['举办青年教师课堂教学竞赛'] }).field?.name // '师资'
 */
export function fieldOf(bank: PhraseBank, section: SectionText, genre = ''): FieldChoice {
  const key = `${genre}\u0000${section.topic}\u0000${section.heading ?? ''}\u0000${section.facts.join('\u0000')}`;
  let cache = choiceCache.get(bank);
  if (!cache) choiceCache.set(bank, (cache = new Map()));
  let choice = cache.get(key);
  if (!choice) {
    choice = chooseField(bank, section, genre);
    if (cache.size > CHOICE_CACHE_MAX) cache.clear();
    cache.set(key, choice);
  }
  return choice;
}

const choiceCache = new WeakMap<PhraseBank, Map<string, FieldChoice>>();

function chooseField(bank: PhraseBank, section: SectionText, genre: string): FieldChoice {
  const head = `${section.topic} ${section.heading ?? ''}`;
  const headStrong = keywordHits(bank, head, 'keywords');
  const headWeak = keywordHits(bank, head, 'weak');
  const factStrong = section.facts.map((f) => keywordHits(bank, f, 'keywords'));
  const factWeak = section.facts.map((f) => keywordHits(bank, f, 'weak'));
  const named = withParents(bank, [...headStrong.keys(), ...factStrong.flatMap((hits) => [...hits.keys()])]);
  const inPlay = withParents(bank, keywordHits(bank, genre, 'keywords').keys(), new Set(named));
  const scored = bank.fields.map((field) => {
    let score = 3 * (headStrong.get(field)?.size ?? 0) + factStrong.filter((hits) => hits.has(field)).length;
    const parent = parentOf(bank, field);
    if (!parent || inPlay.has(parent)) score += (headWeak.get(field)?.size ?? 0) + factWeak.filter((hits) => hits.has(field)).length / 3;
    if (score > 0 && field.specific) score += 0.5;
    return { field, score };
  });
  scored.sort((a, b) => b.score - a.score);
  const [best] = scored;
  if (!best || best.score <= 0) return { sure: false, named };
  const rival = scored.find((s) => !related(s.field, best.field) && s.score >= best.score);
  return { field: best.field, sure: best.score >= SURE && !rival, named };
}

/**
 * The heading templates that do not say the topic's last word again (双减落实 + 落实到位, 集团化办学推进 + 扎实推进);
 * all of them when every one would.
 */
function notRepeating(templates: readonly string[], topic: string): readonly string[] {
  const tail = topic.slice(-2);
  const kept = templates.filter((t) => !t.replace('{{topic}}', '').includes(tail));
  return kept.length ? kept : templates;
}

/** A small stable hash, so the same topic always gets the same phrasing. */
export function stableHash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Whether two texts share a run of four characters (立德树人 in 坚持立德树人根本任务). */
function overlaps(a: string, b: string): boolean {
  for (let i = 0; i + 4 <= b.length; i++) if (a.includes(b.slice(i, i + 4))) return true;
  return false;
}

/** 加强师德师风建设, 推进集团化办学: a topic that is already an action. */
export function isVerbTopic(bank: PhraseBank, topic: string): boolean {
  return startsWithAny(topic, bank.headings.adverbStarts) || startsWithAny(topic, bank.headings.verbStarts);
}

/**
 * A topic that is already a heading: two clauses (加强领导，完善制度，……), an approach (坚持五育并举), or a stated
 * result (育人环境进一步优化, 安全形势保持稳定). Such a topic is used as it stands; nothing is glued on.
 */
export function statesApproachOrResult(bank: PhraseBank, topic: string): boolean {
  const h = bank.headings;
  if (/[，,；;]/.test(topic)) return true;
  if (startsWithAny(topic, h.approachStarts)) return true;
  if (endsWithAny(topic, h.resultEndings)) return true;
  const results = resultPairs(bank);
  for (let length = 2; length <= Math.min(topic.length, results.longest); length++) if (results.pairs.has(topic.slice(-length))) return true;
  return false;
}

/** Every adverb + verb ending (进一步优化, 保持稳定 …), built once per bank. */
const pairCache = new WeakMap<PhraseBank, { pairs: Set<string>; longest: number }>();
function resultPairs(bank: PhraseBank) {
  let cached = pairCache.get(bank);
  if (!cached) {
    const pairs = new Set(bank.headings.resultAdverbs.flatMap((adverb) => bank.headings.resultVerbs.map((verb) => adverb + verb)));
    cached = { pairs, longest: Math.max(0, ...[...pairs].map((p) => p.length)) };
    pairCache.set(bank, cached);
  }
  return cached;
}

/** A topic as the subject or object of a heading: 防溺水 → 防溺水工作; 教师队伍建设 stays. */
export function asWorkNoun(bank: PhraseBank, topic: string): string {
  return topic.length <= 4 && !endsWithAny(topic, bank.headings.workEndings) ? `${topic}工作` : topic;
}

/**
 * Fills a frame: of the templates whose placeholders outside `[…]` all have values, one that carries the most
 * parts (and repeats none of its own words); a `[…]` group stays only when all its placeholders have values.
 * So a part the facts lack is left out of the sentence, never padded.
 * @example fillFrame(['在{{leadership}}的领导下，[以{{guidance}}为指导，]……'], { leadership: '区委' }) // '在区委的领导下，……'
 */
export function fillFrame(templates: readonly string[], values: Record<string, string | undefined>): string {
  const has = (name: string) => Boolean(values[name]);
  const names = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
  const filled = templates
    .filter((template) => names(template.replace(/\[[^\][]*\]/g, '')).every(has))
    .map((template) => {
      const kept = template.replace(/\[([^\][]*)\]/g, (_, inner: string) => (names(inner).every(has) ? inner : ''));
      const carried = names(kept);
      // A value that repeats the template's own words (a theme of 办好人民满意的教育 before 努力办好人民满意的教育) reads twice.
      const literal = kept.replace(/\{\{\w+\}\}/g, '|');
      const echo = carried.some((name) => overlaps(literal, values[name]!));
      return { text: fillTemplate(kept, values), parts: new Set(carried).size, echo };
    });
  const most = Math.max(...filled.map((f) => f.parts));
  const best = filled.filter((f) => f.parts === most);
  return (best.find((f) => !f.echo) ?? best[0])?.text ?? '';
}

/** The templates for this report type: its own, else those of its tense. */
export function framesFor(table: Record<string, string[]>, register: Pick<Register, 'id' | 'tense'>): string[] {
  return table[register.id] ?? table[register.tense] ?? [];
}

/** The field's own wording and its parent's, when the field is clear; none otherwise. */
function ownPools(bank: PhraseBank, { field, sure }: FieldChoice): Field[] {
  if (!field || !sure) return [];
  const parent = parentOf(bank, field);
  return parent ? [field, parent] : [field];
}

/** A phrase fits a section when every field it names is one the section's topic, heading or facts name. */
function groundedIn(bank: PhraseBank, choice: FieldChoice): (phrase: string) => boolean {
  return (phrase) => {
    for (const f of fieldsNamed(bank, phrase, true)) if (!choice.named.has(f)) return false;
    return true;
  };
}

/**
 * Picks phrases for one draft without repeating one while an unused one remains.
 * Deterministic: the same seed and calls give the same picks.
 */
export class PhrasePicker {
  private used = new Set<string>();

  /** An unused phrase, or undefined when every option has been used in this draft. */
  pickUnused(options: readonly string[], seed: string): string | undefined {
    if (options.length === 0) return undefined;
    const start = stableHash(seed) % options.length;
    for (let i = 0; i < options.length; i++) {
      const candidate = options[(start + i) % options.length];
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
    return undefined;
  }

  /** An unused phrase while one remains, then the seed's own choice. */
  pick(options: readonly string[], seed: string): string {
    return this.pickUnused(options, seed) ?? options[stableHash(seed) % options.length];
  }

  /**
   * A section's first sentence: when its field is clear, one of that field's leads (then its parent's) that names
   * no field the section does not; otherwise, or once those are used, a plain lead-in; last, one tied to the topic
   * by name, so no two sections open with the same sentence. `heading` is the section's heading in the outline.
   */
  lead(section: SectionText, register: Register, heading = ''): string {
    const bank = register.phrases;
    const tense = register.tense;
    // The heading's own words (its approach: the topic taken out) are not said again in the first sentence.
    const approach = heading.replace(section.topic, '');
    const fresh = (lead: string) => !overlaps(lead, approach);
    const choice = fieldOf(bank, section, register.genre);
    const grounded = groundedIn(bank, choice);
    for (const pool of ownPools(bank, choice)) {
      const own = this.pickUnused(pool.leads[tense].filter(grounded).filter(fresh), section.topic);
      if (own) return own;
    }
    return this.pickUnused(bank.general.leads[tense], section.topic) ?? fillTemplate(bank.general.topicLead[tense], { topic: section.topic });
  }

  /**
   * A heading in the genre's register. A topic that already states an approach or a result stands as it is;
   * otherwise the approach (from the section's field, or one that names none) and the result, each once:
   * 坚持人才强教，教师队伍建设取得新成效 (review), 坚持人才强教，着力加强教师队伍建设 (plan).
   */
  heading(section: SectionText, register: Register): string {
    const bank = register.phrases;
    const topic = section.topic.trim();
    if (statesApproachOrResult(bank, topic)) return topic;
    const choice = fieldOf(bank, section, register.genre);
    const grounded = groundedIn(bank, choice);
    // Neither four characters of the topic nor its last word again (坚持减负提质，课后服务提质…).
    const fits = (options: readonly string[]) => options.filter((a) => !overlaps(a, topic) && !a.includes(topic.slice(-2)) && grounded(a));
    let approach: string | undefined;
    for (const pool of ownPools(bank, choice)) approach ??= this.pickUnused(fits(pool.approaches), topic);
    const general = fits(bank.general.approaches);
    approach ??= this.pick(general.length ? general : bank.general.approaches, topic);
    return `${approach}，${this.result(topic, register)}`;
  }

  private result(topic: string, register: Register): string {
    const h = register.phrases.headings;
    const seed = `${topic}#result`;
    if (isVerbTopic(register.phrases, topic)) {
      if (register.tense === 'plan' && startsWithAny(topic, h.adverbStarts)) return topic;
      return this.pick(notRepeating(h.verbTopicResults[register.tense], topic), seed).replace('{{topic}}', topic);
    }
    const noun = asWorkNoun(register.phrases, topic);
    // 教育教学质量提升 + 水平稳步提升 says 提升 twice, and a level of a 提升 is no level at all.
    const level = endsWithAny(noun, h.levelEndings) || endsWithAny(noun, h.resultVerbs);
    const options = h.results[register.tense].filter((t) => !(t.includes('水平') && level));
    return this.pick(notRepeating(options, noun), seed).replace('{{topic}}', noun);
  }
}
