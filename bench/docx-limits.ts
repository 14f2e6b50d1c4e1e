/**
 * Hostile .docx files against docxText: a zip bomb of 400 MiB (honest headers, then headers claiming 2 KiB) and XML
 * of 60,000 repeated or unclosed tags; time and RSS growth per file. Baseline in the same run: a real 50-paragraph
 * report .docx. Run: npx tsx bench/docx-limits.ts
 */
import JSZip from 'jszip';
import { docxText } from '../src/import/docx-text.js';

const deflate = (xml: string) => new JSZip().file('word/document.xml', xml).generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
const doc = (body: string) => `<w:document><w:body>${body}</w:body></w:document>`;

function lie(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  const view = new DataView(copy.buffer);
  for (let i = 0; i + 30 <= copy.length; i++) {
    if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, 2048, true);
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 2048, true);
  }
  return copy;
}

const bomb = await deflate(doc(`<w:p><w:r><w:t>${'0'.repeat(400 * 1024 * 1024)}</w:t></w:r></w:p>`));
const report = await deflate(doc(Array.from({ length: 50 }, (_, i) => `<w:p><w:r><w:t>（${i + 1}）全年新建校舍${i + 3}所，投入资金${i + 1}.5亿元。</w:t></w:r></w:p>`).join('')));
const cases: Array<[string, Uint8Array]> = [
  ['50-paragraph report (baseline)', report],
  [`400 MiB bomb, honest headers (${(bomb.length / 1024).toFixed(0)} KiB)`, bomb],
  ['400 MiB bomb, headers claim 2 KiB', lie(bomb)],
  ['<w:body> x 60,000', await deflate(doc(`<w:p><w:r><w:t>开头</w:t></w:r></w:p>${'<w:body>'.repeat(60_000)}`))],
  ['<w:p><w:pPr> x 60,000 unclosed', await deflate(doc('<w:p><w:pPr>'.repeat(60_000)))],
  ['<w:p>…</w:p> x 60,000', await deflate(doc('<w:p><w:r><w:t>段</w:t></w:r></w:p>'.repeat(60_000)))],
];
for (let i = 0; i < 20; i++) await docxText(report); // warm-up, so the baseline is not the first call's compile
console.log('| file | ms | RSS growth MiB | outcome |');
console.log('| --- | --- | --- | --- |');
const times: number[] = [];
for (const [name, bytes] of cases) {
  const rss = process.memoryUsage().rss;
  const start = performance.now();
  let outcome: string;
  try {
    outcome = `${(await docxText(bytes)).length} characters`;
  } catch (error) {
    outcome = `refused: ${(error as Error).message.slice(0, 30)}…`;
  }
  const ms = performance.now() - start;
  times.push(ms);
  console.log(`| ${name} | ${ms.toFixed(1)} | ${((process.memoryUsage().rss - rss) / 1024 / 1024).toFixed(0)} | ${outcome} |`);
}
console.log(`ratio to the baseline: ${times.slice(1).map((t) => `${(t / times[0]).toFixed(1)}x`).join(', ')}`);
