/** The Word export: each GB/T 9704-2012 setting read back from the file's XML, and every figure kept. */
import { build } from 'esbuild';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { composeDraft } from '../../src/services/draft-pipeline.js';
import { offlineComposer } from '../../src/compose/offline-composer.js';
import { findFigures } from '../../src/domain/figures.js';
import { arabicDate, renderDocx } from '../../src/render/docx.js';
import { reportTypes } from '../helpers/app.js';
import { examples } from '../helpers/examples.js';
import { hostile } from '../fixtures/hostile-facts.js';
import type { FactSheet } from '../../src/domain/fact-sheet.js';

async function draftOf(facts: FactSheet) {
  return composeDraft({ facts, type: reportTypes.get(facts.type)!, composer: offlineComposer });
}

async function unzip(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (path: string) => {
    const file = zip.file(path);
    if (!file) throw new Error(`${path} missing from the .docx`);
    return file.async('string');
  };
  return { zip, read };
}

/** The attributes of the first element with this tag, as a record. */
function attrs(xml: string, tag: string): Record<string, string> {
  const element = xml.match(new RegExp(`<${tag}(\\s[^>]*)?/?>`));
  if (!element) throw new Error(`<${tag}> not found`);
  return Object.fromEntries([...(element[1] ?? '').matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

/** One paragraph's text: its w:t runs joined, XML entities decoded. */
const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
function paragraphs(documentXml: string): Array<{ xml: string; text: string }> {
  return [...documentXml.matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((m) => ({
    xml: m[0],
    text: decode([...m[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  }));
}

/** A style's XML from styles.xml by its id. */
function style(stylesXml: string, id: string): string {
  const found = stylesXml.match(new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`));
  if (!found) throw new Error(`style ${id} not found`);
  return found[0];
}

const annual = examples.find((e) => e.name === 'annual-summary')!;
const plan = examples.find((e) => e.name === 'work-plan')!;

describe('renderDocx: page set-up', async () => {
  const draft = await draftOf(annual.facts);
  const { read, zip } = await unzip(await renderDocx(draft.markdown));
  const documentXml = await read('word/document.xml');
  const sectPr = documentXml.match(/<w:sectPr>[\s\S]*<\/w:sectPr>/)![0];

  it('is A4 portrait in twips (11906 × 16838)', () => {
    expect(attrs(sectPr, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
  });

  it('has the standard margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm', () => {
    expect(attrs(sectPr, 'w:pgMar')).toMatchObject({ 'w:top': '2098', 'w:bottom': '1984', 'w:left': '1587', 'w:right': '1474' });
  });

  it('fits 22 lines of 28 characters by line pitch and character spacing, with no character grid', async () => {
    const grid = attrs(sectPr, 'w:docGrid');
    // A character grid (linesAndChars) is laid out differently by LibreOffice: 18 characters a line.
    expect(grid['w:type'] ?? 'default').toBe('default');
    const textHeight = 16838 - 2098 - 1984;
    const textWidth = 11906 - 1587 - 1474;
    const stylesXml = await read('word/styles.xml');
    const body = style(stylesXml, 'GwBody');
    const line = Number(attrs(body.match(/<w:pPr>[\s\S]*<\/w:pPr>/)![0], 'w:spacing')['w:line']);
    expect(Math.floor(textHeight / line)).toBe(22);
    // Each 3号 character is 16 pt (320 twips) plus the run's w:spacing (twips).
    const rPr = body.match(/<w:rPr>[\s\S]*<\/w:rPr>/)![0];
    const pitch = Number(attrs(rPr, 'w:sz')['w:val']) * 10 + Number(attrs(rPr, 'w:spacing')['w:val']);
    expect(Math.floor(textWidth / pitch)).toBe(28);
    expect(attrs(style(stylesXml, 'GwHeading1').match(/<w:rPr>[\s\S]*<\/w:rPr>/)![0], 'w:spacing')['w:val']).toBe(attrs(rPr, 'w:spacing')['w:val']);
  });

  it('numbers pages "— N —" in 4号 宋体: odd pages right, even pages left, with evenAndOddHeaders on', async () => {
    expect(await read('word/settings.xml')).toMatch(/<w:evenAndOddHeaders\/>|<w:evenAndOddHeaders w:val="(true|1)"\/>/);
    const rels = await read('word/_rels/document.xml.rels');
    const footerOf = async (type: string) => {
      const id = attrs(sectPr.match(new RegExp(`<w:footerReference w:type="${type}"[^>]*>`))![0], 'w:footerReference')['r:id'];
      const target = rels.match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`))?.[1] ?? rels.match(new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`))![1];
      return read(`word/${target}`);
    };
    for (const [type, side] of [['default', 'right'], ['even', 'left']] as const) {
      const footer = await footerOf(type);
      expect(attrs(footer, 'w:jc')['w:val']).toBe(side);
      expect(attrs(footer, 'w:ind')[`w:${side}`]).toBe('280'); // one 4号 character in from the edge
      expect(footer).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      expect(paragraphs(footer)[0].text).toBe('—  —'); // "— " PAGE " —"
      expect(attrs(footer, 'w:sz')['w:val']).toBe('28');
      expect(attrs(footer, 'w:rFonts')).toMatchObject({ 'w:ascii': '宋体', 'w:eastAsia': '宋体', 'w:hAnsi': '宋体', 'w:hint': 'eastAsia' });
    }
  });

  it('names a stand-in for each official font in the font table, with the GB2312 charset', async () => {
    const fonts = await read('word/fontTable.xml');
    expect(fonts).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/><w:charset w:val="86"\/>/);
    expect(fonts).toMatch(/<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"\/>/);
    expect(fonts).toMatch(/<w:font w:name="黑体"><w:altName w:val="SimHei"\/>/);
    expect(zip.file('word/fontTable.xml')).toBeTruthy();
  });
});

describe('renderDocx: text', async () => {
  const draft = await draftOf(annual.facts);
  const { read } = await unzip(await renderDocx(draft.markdown));
  const documentXml = await read('word/document.xml');
  const stylesXml = await read('word/styles.xml');
  const paras = paragraphs(documentXml.replace(/<w:sectPr>[\s\S]*<\/w:sectPr>/, ''));

  it('sets the title in 2号 方正小标宋简体, centred', () => {
    const title = paras.find((p) => p.text === draft.outline.title)!;
    expect(title.xml).toContain('<w:pStyle w:val="GwTitle"/>');
    const titleStyle = style(stylesXml, 'GwTitle');
    expect(attrs(titleStyle, 'w:sz')['w:val']).toBe('44');
    expect(attrs(titleStyle, 'w:jc')['w:val']).toBe('center');
    expect(attrs(titleStyle, 'w:rFonts')).toMatchObject({ 'w:ascii': '方正小标宋简体', 'w:eastAsia': '方正小标宋简体', 'w:hAnsi': '方正小标宋简体', 'w:hint': 'eastAsia' });
  });

  it('sets the body in 3号 仿宋_GB2312 with a two-character first-line indent and fixed line spacing of about 28–29 pt', () => {
    const defaults = stylesXml.match(/<w:docDefaults>[\s\S]*<\/w:docDefaults>/)![0];
    expect(attrs(defaults, 'w:rFonts')).toMatchObject({ 'w:ascii': '仿宋_GB2312', 'w:eastAsia': '仿宋_GB2312', 'w:hAnsi': '仿宋_GB2312', 'w:hint': 'eastAsia' });
    expect(attrs(defaults, 'w:sz')['w:val']).toBe('32');
    const body = style(stylesXml, 'GwBody');
    expect(attrs(body, 'w:sz')['w:val']).toBe('32');
    // Two characters at the body pitch (2 × (320 − 5) twips), in twips: every office suite reads them alike.
    expect(attrs(body, 'w:ind')).toMatchObject({ 'w:firstLine': '630' });
    expect(attrs(body, 'w:ind')['w:firstLineChars']).toBeUndefined();
    const spacing = attrs(body, 'w:spacing');
    expect(spacing['w:lineRule']).toBe('exact');
    expect(Number(spacing['w:line']) / 20).toBeGreaterThanOrEqual(28);
    expect(Number(spacing['w:line']) / 20).toBeLessThanOrEqual(29);
    const opening = paras.find((p) => p.text.startsWith(annual.facts.period))!;
    expect(opening.xml).toContain('<w:pStyle w:val="GwBody"/>');
  });

  it('sets 一、 headings in 黑体 and （一） headings in 楷体_GB2312', async () => {
    const h1 = paras.find((p) => p.text.startsWith('一、'))!;
    expect(h1.xml).toContain('<w:pStyle w:val="GwHeading1"/>');
    expect(attrs(h1.xml, 'w:rFonts')).toMatchObject({ 'w:eastAsia': '黑体', 'w:ascii': '黑体', 'w:hAnsi': '黑体', 'w:hint': 'eastAsia' });
    expect(attrs(style(stylesXml, 'GwHeading1'), 'w:rFonts')['w:eastAsia']).toBe('黑体');
    const planDraft = await draftOf(plan.facts);
    const planParas = paragraphs(await (await unzip(await renderDocx(planDraft.markdown))).read('word/document.xml'));
    const h2 = planParas.find((p) => p.text.startsWith('（一）'))!;
    expect(h2.xml).toContain('<w:pStyle w:val="GwHeading2"/>');
    expect(attrs(h2.xml, 'w:rFonts')).toMatchObject({ 'w:eastAsia': '楷体_GB2312', 'w:ascii': '楷体_GB2312', 'w:hint': 'eastAsia' });
    const numbered = planParas.find((p) => /^1\. /.test(p.text))!;
    expect(numbered.xml).toContain('<w:pStyle w:val="GwBody"/>');
    expect(attrs(numbered.xml, 'w:rFonts')['w:eastAsia']).toBe('仿宋_GB2312');
  });

  it('keeps “ ” — … in the Chinese font: every run has the same font for ascii, eastAsia and hAnsi, and the eastAsia hint', async () => {
    const bytes = await renderDocx('# 标题\n\n他说：“好”——这是……第一步。\n');
    const xml = await (await unzip(bytes)).read('word/document.xml');
    const run = xml.match(/<w:r>(?:(?!<\/w:r>)[\s\S])*“好”——这是……(?:(?!<\/w:r>)[\s\S])*<\/w:r>/)![0];
    expect(attrs(run, 'w:rFonts')).toMatchObject({ 'w:ascii': '仿宋_GB2312', 'w:eastAsia': '仿宋_GB2312', 'w:hAnsi': '仿宋_GB2312', 'w:hint': 'eastAsia' });
    for (const fonts of documentXml.matchAll(/<w:rFonts [^>]*>/g)) expect(fonts[0]).toContain('w:hint="eastAsia"');
  });

  it('places the unit and date at the right, as §7.3.5.2 does: date two characters from the right edge, starting two characters right of the unit', () => {
    const [blank, org, date] = paras.slice(-3);
    expect(blank.text).toBe('');
    expect(org.text).toBe(annual.facts.signature?.org ?? annual.facts.org);
    expect(date.text).toBe(annual.facts.signature!.date);
    for (const p of [org, date]) expect(attrs(p.xml, 'w:jc')['w:val']).toBe('right');
    const cell = (11906 - 1587 - 1474) / 28;
    const dateRight = Number(attrs(date.xml, 'w:ind')['w:right']) / cell;
    const orgRight = Number(attrs(org.xml, 'w:ind')['w:right']) / cell;
    expect(dateRight).toBeCloseTo(2, 1);
    // "青河区教育局" is 6 cells, "2025年12月26日" 7: the unit starts 2 cells before the date.
    const orgStart = orgRight + 6;
    const dateStart = dateRight + 7;
    expect(orgStart - dateStart).toBeCloseTo(2, 1);
  });

  it('writes the date in Arabic numerals', async () => {
    expect(arabicDate('二〇二五年十二月二十六日')).toBe('2025年12月26日');
    expect(arabicDate('二〇二六年一月十日')).toBe('2026年1月10日');
    expect(arabicDate('2025年12月26日')).toBe('2025年12月26日');
    const xml = await (await unzip(await renderDocx('# 标题\n\n正文。\n\n某区教育局  \n二〇二五年十二月二十六日\n'))).read('word/document.xml');
    expect(paragraphs(xml).at(-1)!.text).toBe('2025年12月26日');
  });

  it('holds every figure of the draft, for every example', async () => {
    for (const { name, facts } of examples) {
      const result = await draftOf(facts);
      const text = paragraphs(await (await unzip(await renderDocx(result.markdown))).read('word/document.xml'))
        .map((p) => p.text)
        .join('\n');
      const figures = findFigures(result.text);
      expect(figures.length, name).toBeGreaterThan(0);
      for (const figure of figures) expect(text, `${name}: ${figure}`).toContain(figure);
    }
  });
});

describe('renderDocx: tables, highlighting, hostile text, runtime', () => {
  it('turns a plan schedule into a Word table the width of the text area, header row repeated', async () => {
    const draft = await draftOf(plan.facts);
    const xml = await (await unzip(await renderDocx(draft.markdown))).read('word/document.xml');
    const table = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/)![0];
    const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((r) => paragraphs(r[0]).map((p) => p.text));
    expect(rows[0]).toEqual(['时间', '工作内容', '备注']);
    expect(rows).toHaveLength(1 + plan.facts.schedule!.length);
    expect(rows[1][0]).toBe(plan.facts.schedule![0].when);
    expect(table).toContain('<w:tblHeader/>');
    expect(attrs(table, 'w:tblW')).toMatchObject({ 'w:w': String(11906 - 1587 - 1474), 'w:type': 'dxa' });
    const widths = [...table.match(/<w:tblGrid>[\s\S]*?<\/w:tblGrid>/)![0].matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths.reduce((a, b) => a + b, 0)).toBe(11906 - 1587 - 1474);
    expect(table).toMatch(/<w:insideV w:val="single"/);
  });

  it('highlights 【待补充】 markers in yellow and unverified figures in cyan, and nothing else', async () => {
    const md = '# 标题\n\n## 一、工作\n\n全年培训教师1350人次，投入经费88万元。\n\n【待补充：工作成效】\n\n某单位  \n【待补充：成文日期】\n';
    const xml = await (await unzip(await renderDocx(md, { unverified: ['88万元'] }))).read('word/document.xml');
    const highlighted = [...xml.matchAll(/<w:r>(?:(?!<\/w:r>)[\s\S])*?<w:highlight w:val="(\w+)"\/>(?:(?!<\/w:r>)[\s\S])*?<w:t[^>]*>([^<]*)<\/w:t><\/w:r>/g)].map((m) => [m[1], m[2]]);
    expect(highlighted).toEqual([
      ['cyan', '88万元'],
      ['yellow', '【待补充：工作成效】'],
      ['yellow', '【待补充：成文日期】'],
    ]);
  });

  it('writes hostile text as literal text: markup escaped, control characters dropped, the XML well formed', async () => {
    const draft = await draftOf(hostile);
    const markdown = draft.markdown.replace('\n\n', '\n\n控制符\u0001\u000b在此 & <w:p>\n\n');
    const xml = await (await unzip(await renderDocx(markdown))).read('word/document.xml');
    expect(xml).toContain('&lt;script&gt;window.pwned=1&lt;/script&gt;');
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&amp; &lt;w:p&gt;');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    // Every element opened is closed: the paragraph and run tags balance.
    expect(xml.match(/<w:p[ >]/g)!.length).toBe(xml.match(/<\/w:p>/g)!.length);
    const text = paragraphs(xml).map((p) => p.text).join('\n');
    for (const figure of findFigures(draft.text)) expect(text).toContain(figure);
  });

  it('bundles for Workers: no Node built-ins reachable from src/render/docx.ts', async () => {
    const result = await build({
      entryPoints: ['src/render/docx.ts'],
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'esm',
      mainFields: ['module', 'main'],
      conditions: ['workerd', 'worker', 'browser', 'import'],
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles[0].text;
    expect(code).not.toMatch(/from\s*["']node:|require\(["'](node:)?(fs|path|stream|buffer)["']\)/);
  });
});
