/**
 * Outline edits in review (rename, reorder, merge, drop), by message or by PUT …/outline. Edits land on the
 * collected facts (sections reordered, merged, dropped; renamed through a section's `heading`), so the outline
 * stays derived from the facts; parts that are not sections keep a heading override or are left out. Pure.
 */
import { buildOutline, type Outline } from '../domain/outline.js';
import { level1 } from '../domain/numbering.js';
import type { ReportType } from '../domain/report-types.js';
import { LIMITS } from '../domain/fact-sheet.js';
import { toFactSheet, type CollectedFacts } from './collected-facts.js';
import type { OutlineOperation, PartRef } from '../contract/outline-operations.js';

/** The edits as the widget sends them (src/contract/outline-operations.ts). */
export type { OutlineOperation, PartRef };

/** Review choices that are not facts: parts left out, and headings of parts that are not sections. */
export interface OutlineChoices {
  omitted: string[];
  headings: Record<string, string>;
}

/** The outline the draft will have: built from the facts, then the review choices applied and renumbered. */
export function sessionOutline(facts: CollectedFacts, type: ReportType, choices: OutlineChoices): Outline {
  const outline = buildOutline(toFactSheet(facts), type);
  const items = outline.items
    .filter((item) => !choices.omitted.includes(item.key))
    .map((item, index) => ({
      ...item,
      number: level1(index + 1),
      heading: item.source !== 'sections' || item.children ? (choices.headings[item.key] ?? item.heading) : item.heading,
    }));
  return { ...outline, items };
}

type Resolved = { kind: 'section'; index: number; label: string } | { kind: 'part'; key: string; label: string; hasChildren: boolean };

const label = (ref: PartRef) => (ref.child ? `第${ref.part}部分第${ref.child}项` : `第${ref.part}部分`);

function resolve(outline: Outline, ref: PartRef, sectionCount: number): Resolved | string {
  const item = outline.items[ref.part - 1];
  if (!item) return `大纲只有 ${outline.items.length} 个部分，没有${label(ref)}`;
  // With no work area given yet, the outline shows a 【待补充】 placeholder part that no section stands behind.
  const section = (index: number): Resolved | string =>
    index < sectionCount ? { kind: 'section', index, label: label(ref) } : `${label(ref)}还没有填写工作领域，请先在对话中补充后再调整`;
  if (ref.child) {
    const child = item.children?.[ref.child - 1];
    if (!child) return `${label(ref)}不存在（第${ref.part}部分${item.children?.length ? `只有 ${item.children.length} 项` : '没有下级小项'}）`;
    return section(child.sectionIndex!);
  }
  if (item.sectionIndex !== undefined) return section(item.sectionIndex);
  return { kind: 'part', key: item.key, label: label(ref), hasChildren: Boolean(item.children?.length) };
}

export interface EditResult {
  facts: CollectedFacts;
  choices: OutlineChoices;
  /** What was done, one line each, for the reply. */
  done: string[];
  /** Why an operation could not be done; nothing is changed when any fails. */
  error?: string;
}

/**
 * Applies outline operations in order; each one addresses the outline as it stands after the previous one.
 * @example applyOutlineEdits(facts, type, choices, [{ op: 'drop', target: { part: 4 } }])
 */
export function applyOutlineEdits(
  facts: CollectedFacts,
  type: ReportType,
  choices: OutlineChoices,
  operations: OutlineOperation[],
): EditResult {
  let next: CollectedFacts = structuredClone(facts);
  let nextChoices: OutlineChoices = structuredClone(choices);
  const done: string[] = [];
  const fail = (error: string): EditResult => ({ facts, choices, done: [], error });
  for (const operation of operations) {
    const outline = sessionOutline(next, type, nextChoices);
    if (operation.op === 'rename') {
      const target = resolve(outline, operation.target, next.sections.length);
      if (typeof target === 'string') return fail(target);
      const heading = operation.heading.trim().replace(/^[“"「]|[”"」]$/g, '').slice(0, LIMITS.shortText);
      if (!heading) return fail('新的小标题不能为空');
      if (target.kind === 'section') next.sections[target.index].heading = heading;
      else nextChoices.headings[target.key] = heading;
      done.push(`${target.label}改名为“${heading}”`);
    } else if (operation.op === 'move') {
      const from = resolve(outline, operation.target, next.sections.length);
      const to = resolve(outline, operation.to, next.sections.length);
      if (typeof from === 'string') return fail(from);
      if (typeof to === 'string') return fail(to);
      if (from.kind !== 'section' || to.kind !== 'section') return fail('只能调整各工作领域之间的顺序；其他部分的位置由报告类型决定');
      const [moved] = next.sections.splice(from.index, 1);
      next.sections.splice(to.index, 0, moved);
      done.push(`${from.label}移到了${to.label}的位置`);
    } else if (operation.op === 'merge') {
      const a = resolve(outline, operation.targets[0], next.sections.length);
      const b = resolve(outline, operation.targets[1], next.sections.length);
      if (typeof a === 'string') return fail(a);
      if (typeof b === 'string') return fail(b);
      if (a.kind !== 'section' || b.kind !== 'section') return fail('只能合并工作领域的部分');
      if (a.index === b.index) return fail('请指明两个不同的部分来合并');
      const [keep, gone] = a.index < b.index ? [a.index, b.index] : [b.index, a.index];
      const first = next.sections[keep];
      const second = next.sections[gone];
      next.sections[keep] = {
        topic: `${first.topic}和${second.topic}`.slice(0, LIMITS.shortText),
        facts: [...first.facts, ...second.facts].slice(0, LIMITS.factsPerSection),
      };
      next.sections.splice(gone, 1);
      done.push(`${a.label}和${b.label}已合并为“${next.sections[keep].topic}”`);
    } else {
      const target = resolve(outline, operation.target, next.sections.length);
      if (typeof target === 'string') return fail(target);
      if (target.kind === 'section') {
        if (next.sections.length <= 1) return fail('至少要保留一个工作领域');
        const [removed] = next.sections.splice(target.index, 1);
        done.push(`已删除${target.label}“${removed.topic}”`);
      } else {
        if (target.hasChildren) return fail(`${target.label}包含各工作领域，不能整体删除；可以删除其中的某一项`);
        nextChoices.omitted.push(target.key);
        done.push(`已删除${target.label}`);
      }
    }
  }
  return { facts: next, choices: nextChoices, done };
}

const CN = '一二三四五六七八九十';
const NUM = `[0-9０-９${CN}]{1,3}`;
/** 第二部分 · 第2部分 · 第（二）项 · 第二部分第一项 · （二） */
const REF = `(?:第\\s*(${NUM})\\s*(?:个)?(?:部分|大部分|项|条|点|块|段)?(?:\\s*(?:的)?\\s*第?\\s*[（(]?(${NUM})[)）]?\\s*(?:项|小项|条|点))?|[（(](${NUM})[)）])`;

function toNumber(text: string): number {
  const ascii = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  const digit = (ch: string) => CN.indexOf(ch) + 1;
  if (ascii === '十') return 10;
  if (ascii.startsWith('十')) return 10 + digit(ascii[1]);
  if (ascii.length === 3 && ascii[1] === '十') return digit(ascii[0]) * 10 + digit(ascii[2]);
  if (ascii.length === 2 && ascii[1] === '十') return digit(ascii[0]) * 10;
  return digit(ascii);
}

/** A reference from regex groups: top-level part, a child of it, or a bare （二） meaning a child of the group part. */
function refOf(groups: Array<string | undefined>, outline: Outline): PartRef {
  const [part, child, bare] = groups;
  if (bare) {
    const group = outline.items.findIndex((item) => item.children?.length);
    return group >= 0 ? { part: group + 1, child: toNumber(bare) } : { part: toNumber(bare) };
  }
  return child ? { part: toNumber(part!), child: toNumber(child) } : { part: toNumber(part!) };
}

/**
 * Reads outline commands from a message: 把第二部分改名为…… · 第三部分移到第一 · 合并第二和第三部分 · 删除第四部分.
 * Returns null when the message is not an outline command.
 */
export function parseOutlineCommand(text: string, outline: Outline): OutlineOperation[] | null {
  const t = text.trim().replace(/[。！!]+$/, '');
  let m = t.match(new RegExp(`^(?:把|将)?\\s*${REF}\\s*(?:的(?:小)?标题)?\\s*(?:改名为|改名成|改名|重命名为|更名为|改为|改成|换成)\\s*[:：]?\\s*(.+)$`));
  if (m) return [{ op: 'rename', target: refOf(m.slice(1, 4), outline), heading: m[4] }];
  m = t.match(new RegExp(`^(?:把|将)?\\s*${REF}\\s*(?:移到|移至|调到|调至|放到|放在|挪到)\\s*${REF}\\s*(?:的?位置|之?前面?|去)?$`));
  if (m) return [{ op: 'move', target: refOf(m.slice(1, 4), outline), to: refOf(m.slice(4, 7), outline) }];
  m = t.match(new RegExp(`^(?:合并|把|将)\\s*${REF}\\s*(?:部分)?\\s*(?:和|与|跟|及|、)\\s*${REF}\\s*(?:部分)?\\s*(?:合并(?:为一个部分|成一个部分|为一部分|起来)?)?$`));
  if (m) return [{ op: 'merge', targets: [refOf(m.slice(1, 4), outline), refOf(m.slice(4, 7), outline)] }];
  m = t.match(new RegExp(`^(?:删除|删掉|去掉|删去|不要)\\s*${REF}$`)) ?? t.match(new RegExp(`^(?:把|将)\\s*${REF}\\s*(?:删除|删掉|去掉)$`));
  if (m) return [{ op: 'drop', target: refOf(m.slice(1, 4), outline) }];
  // 删除后勤 / 去掉“后勤”这个领域: a part named by its work area or heading.
  const named = /^(?:删除|删掉|去掉|删去|不要)\s*[“"「]?(.{2,30}?)[”"」]?\s*(?:这个|这一)?(?:领域|部分|方面)?$/.exec(t);
  const target = named ? partNamed(outline, named[1]) : null;
  if (target) return [{ op: 'drop', target }];
  return null;
}

/** The part whose work area or heading is this name (the topic exactly first, then a heading holding it). */
function partNamed(outline: Outline, name: string): PartRef | null {
  const refs = outline.items.flatMap((item, i) => [
    { ref: { part: i + 1 } as PartRef, item },
    ...(item.children ?? []).map((child, j) => ({ ref: { part: i + 1, child: j + 1 } as PartRef, item: child })),
  ]);
  return refs.find(({ item }) => item.topic === name)?.ref ?? refs.find(({ item }) => item.heading.includes(name))?.ref ?? null;
}
