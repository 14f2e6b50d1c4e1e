/** POST /api/drafts/:id/sections/:n/rewrite offline, on both runtimes: one part changes, figures stay, refusals say why. */
import { expect, it } from 'vitest';
import { findFigures } from '../../../src/domain/figures.js';
import workPlan from '../../../data/examples/work-plan.json';
import annual from '../../../data/examples/annual-summary.json';
import { postJson, putJson, type Fetcher } from './harness.js';

interface View {
  id: string;
  version: number;
  markdown: string;
  outline: { items: Array<{ number: string; heading: string; children?: Array<{ number: string; heading: string }> }> };
  figures: { given: string[]; invented: string[]; missing: string[] };
}

/** The draft cut at its `## ` and `### ` headings: what a rewrite of one leaf may change, and what it must not. */
const blocks = (markdown: string) => markdown.split(/\n(?=#{2,3} )/);
const figuresOf = (text: string) => [...findFigures(text)].sort();

async function drafted(fetcher: Fetcher, facts: unknown): Promise<View> {
  const response = await postJson(fetcher, '/api/drafts', facts);
  expect(response.status).toBe(201);
  return response.json();
}

const rewrite = (fetcher: Fetcher, id: string, n: number | string, instruction: unknown) =>
  postJson(fetcher, `/api/drafts/${id}/sections/${n}/rewrite`, { instruction });

export function rewriteSuite(fetcher: Fetcher) {
  it('更简洁 rewrites one part into a new version: the other parts and every figure stay as they were', async () => {
    const draft = await drafted(fetcher, annual);
    const response = await rewrite(fetcher, draft.id, 2, '更简洁');
    expect(response.status).toBe(200);
    const view: View = await response.json();
    expect(view.version).toBe(draft.version + 1);
    const [before, after] = [blocks(draft.markdown), blocks(view.markdown)];
    expect(after).toHaveLength(before.length);
    const changed = after.map((block, i) => block !== before[i]);
    // Block 0 is the title and opening; part 2 is block 2.
    expect(changed.map((c, i) => (c ? i : -1)).filter((i) => i >= 0)).toEqual([2]);
    expect(after[2].length).toBeLessThan(before[2].length);
    expect(after[2].startsWith(before[2].split('\n')[0])).toBe(true); // its heading kept
    expect(figuresOf(before[2]).length).toBeGreaterThan(0);
    expect(figuresOf(after[2])).toEqual(figuresOf(before[2]));
    expect(view.figures.invented).toEqual([]);
    expect(view.figures.missing).toEqual([]);
    // Stored: the draft now reads as the rewritten version, the first one still there.
    const stored: View = await (await fetcher(`/api/drafts/${draft.id}`)).json();
    expect(stored.markdown).toBe(view.markdown);
    const first: View = await (await fetcher(`/api/drafts/${draft.id}?version=1`)).json();
    expect(first.markdown).toBe(draft.markdown);
  });

  it('counts （一）（二） as parts of their own, and changes only the one asked for', async () => {
    const draft = await drafted(fetcher, workPlan);
    const withChildren = draft.outline.items.findIndex((item) => item.children?.length);
    expect(withChildren).toBeGreaterThanOrEqual(0);
    // Leaf numbers: items before it count one each; its second child is the one after its first.
    const n = withChildren + 2;
    const view: View = await (await rewrite(fetcher, draft.id, n, '更简洁')).json();
    const child = draft.outline.items[withChildren].children![1];
    const changed = blocks(view.markdown).filter((block, i) => block !== blocks(draft.markdown)[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0].startsWith(`### ${child.number}${child.heading}`)).toBe(true);
  });

  it('refuses 更详细 when a part already holds all its facts, naming the part as the reader sees it', async () => {
    const draft = await drafted(fetcher, annual);
    const response = await rewrite(fetcher, draft.id, 1, '更详细');
    expect(response.status).toBe(409);
    const { error } = await response.json();
    expect(error.code).toBe('nothing_to_change');
    const first = draft.outline.items[0];
    expect(error.message).toContain(`${first.number}${first.heading}`);
    expect((await (await fetcher(`/api/drafts/${draft.id}`)).json()).version).toBe(draft.version);
  });

  it('answers 400 for an instruction it can not follow offline, 404 past the last part, 409 when the headings were edited away', async () => {
    const draft = await drafted(fetcher, annual);
    const free = await rewrite(fetcher, draft.id, 1, '改成诗歌');
    expect(free.status).toBe(400);
    expect((await free.json()).error.message).toMatch(/更简洁.*更详细/);
    const leaves = draft.outline.items.reduce((sum, item) => sum + Math.max(1, item.children?.length ?? 0), 0);
    const past = await rewrite(fetcher, draft.id, leaves + 1, '更简洁');
    expect(past.status).toBe(404);
    expect((await past.json()).error.message).toContain(`共 ${leaves} 部分`);
    for (const bad of ['0', 'abc']) expect((await rewrite(fetcher, draft.id, bad, '更简洁')).status).toBe(400);
    expect((await rewrite(fetcher, draft.id, 1, 7)).status).toBe(400);

    const flattened = draft.markdown.replace(/^#{2,3} /gm, '');
    expect((await putJson(fetcher, `/api/drafts/${draft.id}`, { markdown: flattened })).status).toBe(200);
    const lost = await rewrite(fetcher, draft.id, 1, '更简洁');
    expect(lost.status).toBe(409);
    expect((await lost.json()).error.code).toBe('structure_changed');
  });
}
