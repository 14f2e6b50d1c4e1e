/** Prints how well the import recovers the corpus in test/fixtures/import/corpus: `npx tsx scripts/import-corpus.ts`. */
import { corpusCases, scoreCase, type Score } from '../test/import/corpus-score.js';

const rows = corpusCases().map((c) => ({ c, s: scoreCase(c) }));
const fmt = (n: { got: number; of: number }) => `${n.got}/${n.of}`;
for (const { c, s } of rows) {
  console.log(
    `${c.heldOut ? '[held-out] ' : ''}${c.name.padEnd(28)} whole=${s.whole ? 'yes' : 'no '} type=${s.type ? 'ok' : 'NO'} org=${s.org ? 'ok' : 'NO'} period=${s.period ? 'ok' : 'NO'} headings=${fmt(s.headings)} items=${fmt(s.items)} (+${s.items.extra}) figures=${fmt(s.figures)} (+${s.figures.extra})`,
  );
}
for (const heldOut of [false, true]) {
  const part = rows.filter((r) => r.c.heldOut === heldOut).map((r) => r.s);
  const sum = (pick: (s: Score) => { got: number; of: number }) => ({ got: part.reduce((n, s) => n + pick(s).got, 0), of: part.reduce((n, s) => n + pick(s).of, 0) });
  console.log(
    `${heldOut ? 'held-out' : 'tuning  '}: whole ${part.filter((s) => s.whole).length}/${part.length}, type ${part.filter((s) => s.type).length}/${part.length}, headings ${fmt(sum((s) => s.headings))}, items ${fmt(sum((s) => s.items))}, figures ${fmt(sum((s) => s.figures))}`,
  );
}
