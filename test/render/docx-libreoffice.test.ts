/**
 * The Word export opened by a real office suite: LibreOffice converts each example's .docx to PDF, poppler reads
 * back the page size, page count, text and layout (`pdftotext -layout`: characters a line, lines a page), and page 1
 * is kept as a PNG under test-results/ for a person to look at.
 * Needs soffice, pdfinfo, pdftotext and pdftoppm (.ci/run installs them); without them the test fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { composeDraft } from '../../src/services/draft-pipeline.js';
import { offlineComposer } from '../../src/compose/offline-composer.js';
import { findFigures } from '../../src/domain/figures.js';
import { renderDocx } from '../../src/render/docx.js';
import { reportTypes } from '../helpers/app.js';
import { examples } from '../helpers/examples.js';

const work = mkdtempSync(join(tmpdir(), 'docx-lo-'));
const profile = () => `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`;

/** Converts .docx files to PDF in one soffice run, with a throw-away profile so it never touches a user's own. */
function toPdf(docxFiles: string[]): void {
  execFileSync(tool('soffice'), [profile(), '--headless', '--convert-to', 'pdf', '--outdir', work, ...docxFiles], { stdio: 'pipe', timeout: 200_000 });
}

/** The PDF's pages as `pdftotext -layout` lays them out: non-blank lines, spaces removed, page numbers apart. */
function layoutPages(pdf: string): Array<{ lines: string[]; pageNumber: string | undefined }> {
  const text = execFileSync(tool('pdftotext'), ['-layout', pdf, '-'], { encoding: 'utf8' });
  return text
    .split('\f')
    .filter((page) => page.trim())
    .map((page) => {
      const lines = page.split('\n').map((line) => line.replace(/\s+/g, '')).filter(Boolean);
      const pageNumber = lines.find((line) => /^—\d+—$/.test(line));
      return { lines: lines.filter((line) => line !== pageNumber), pageNumber };
    });
}

/** Width of a line in 3号 characters: full-width characters one, digits and Latin letters half of one. */
const cells = (line: string) => [...line].reduce((width, ch) => width + (/[\x21-\x7e]/.test(ch) ? 0.5 : 1), 0);
const pngDir = resolve('test-results/docx');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function tool(name: string): string {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${name} 未安装：请先安装 libreoffice-writer 和 poppler-utils（见 .ci/run）`);
  }
}

describe('Word export in LibreOffice', () => {
  it('converts every example to an A4 PDF with its title, figures and page numbers', { timeout: 240_000 }, async () => {
    const files: Array<{ name: string; docx: string; markdown: string; title: string; figures: string[] }> = [];
    for (const { name, facts } of examples) {
      const draft = await composeDraft({ facts, type: reportTypes.get(facts.type)!, composer: offlineComposer });
      const docx = join(work, `${name}.docx`);
      writeFileSync(docx, await renderDocx(draft.markdown, { unverified: draft.figures.invented }));
      // Table cells wrap and interleave in pdftotext's reading order, so figures are compared outside tables here
      // (docx.test.ts checks the table cells in the XML).
      const prose = draft.markdown.split('\n').filter((line) => !line.startsWith('|')).join('\n');
      files.push({ name, docx, markdown: draft.markdown, title: draft.outline.title, figures: findFigures(prose) });
    }
    toPdf(files.map((f) => f.docx));
    mkdirSync(pngDir, { recursive: true });
    for (const file of files) {
      const pdf = join(work, `${file.name}.pdf`);
      const info = execFileSync(tool('pdfinfo'), [pdf], { encoding: 'utf8' });
      const size = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
      expect(size, file.name).not.toBeNull();
      expect(Math.round(Number(size![1])), file.name).toBe(595);
      expect(Math.round(Number(size![2])), file.name).toBe(842);
      const pages = Number(info.match(/Pages:\s+(\d+)/)![1]);
      expect(pages, file.name).toBeGreaterThan(0);

      // pdftotext spaces CJK apart; compare with all whitespace removed.
      const text = execFileSync(tool('pdftotext'), [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text, file.name).toContain(file.title.replace(/\s+/g, ''));
      // A figure may run over a page break, where pdftotext puts the page number (—1—) in between.
      const flowing = text.replace(/—\d+—/g, '');
      for (const figure of file.figures) expect(flowing, `${file.name}: ${figure}`).toContain(figure.replace(/\s+/g, ''));
      for (let page = 1; page <= pages; page++) expect(text, `${file.name}: page ${page}`).toContain(`—${page}—`);
      // No punctuation lost at a line's end (LibreOffice hangs a comma past the margin and leaves it off the page
      // unless w:overflowPunct is written).
      const all = execFileSync(tool('pdftotext'), [pdf, '-'], { encoding: 'utf8' });
      for (const mark of ['，', '。', '；', '、', '：']) expect(all.split(mark).length, `${file.name}: ${mark}`).toBe(file.markdown.split(mark).length);

      // The layout: no line wider than 28 characters, no page with more than 22 lines (on page 1 the blank line
      // under the title counts).
      for (const [index, page] of layoutPages(pdf).entries()) {
        expect(page.pageNumber, `${file.name}: page ${index + 1}`).toBe(`—${index + 1}—`);
        expect(page.lines.length + (index === 0 ? 1 : 0), `${file.name}: lines on page ${index + 1}`).toBeLessThanOrEqual(22);
        for (const line of page.lines) expect(cells(line), `${file.name}: ${line}`).toBeLessThanOrEqual(28);
      }

      execFileSync(tool('pdftoppm'), ['-r', '60', '-f', '1', '-l', '1', '-png', '-singlefile', pdf, join(pngDir, file.name)]);
      expect(statSync(join(pngDir, `${file.name}.png`)).size, file.name).toBeGreaterThan(5_000);
    }
  });

  it('sets 28 characters a line and 22 lines a page, as GB/T 9704 asks', { timeout: 120_000 }, async () => {
    // Paragraphs of full-width text without punctuation inside, each 26 + 28k + r characters long (r < 20), so
    // the line breaks are fixed by geometry alone: a first line of 26 after the two-character indent, full lines
    // of 28, and a short last line that ends with 。 far from the margin.
    const words = ['教育', '质量', '持续', '提升', '学校', '管理', '规范', '有序', '教师', '队伍', '建设', '扎实', '推进', '课程', '改革', '深化'];
    const paragraphs = Array.from({ length: 14 }, (_, p) => {
      const length = 26 + 28 * (1 + (p % 4)) + 6 + (p % 3) * 4;
      let text = '';
      for (let i = 0; text.length < length; i++) text += words[(i * 7 + p) % words.length];
      return `${text.slice(0, length)}。`;
    });
    const docx = join(work, 'grid.docx');
    writeFileSync(docx, await renderDocx(`# 关于教育工作的情况报告\n\n${paragraphs.join('\n\n')}\n`));
    toPdf([docx]);
    const pages = layoutPages(join(work, 'grid.pdf'));
    const lines = pages.flatMap((page) => page.lines);
    expect(lines[0]).toBe('关于教育工作的情况报告');
    // Walk the body lines paragraph by paragraph.
    let at = 1;
    for (const paragraph of paragraphs) {
      const widths: number[] = [];
      let taken = '';
      while (taken.length < paragraph.length) {
        taken += lines[at];
        widths.push(lines[at++].length);
      }
      expect(taken).toBe(paragraph);
      const full = Math.floor((paragraph.length - 26) / 28);
      expect(widths).toEqual([26, ...Array(full).fill(28), paragraph.length - 26 - 28 * full]);
    }
    expect(at).toBe(lines.length);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    // Page 1: the title, a blank line, 20 lines of text; then 22 lines a page; the last page what is left.
    expect(pages[0].lines.length).toBe(21);
    for (const page of pages.slice(1, -1)) expect(page.lines.length).toBe(22);
    expect(pages.at(-1)!.lines.length).toBeLessThanOrEqual(22);
  });
});
