/**
 * The Word export opened by a real office suite: LibreOffice converts each example's .docx to PDF, poppler reads
 * back the page size, page count and text, and page 1 is kept as a PNG under test-results/ for a person to look at.
 * Needs soffice, pdfinfo, pdftotext and pdftoppm (.ci/run installs them); without them the test fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { composeDraft } from '../../src/compose/draft-pipeline.js';
import { offlineComposer } from '../../src/compose/offline-composer.js';
import { findFigures } from '../../src/domain/figures.js';
import { renderDocx } from '../../src/render/docx.js';
import { reportTypes } from '../helpers/app.js';
import { examples } from '../helpers/examples.js';

const work = mkdtempSync(join(tmpdir(), 'docx-lo-'));
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
    const soffice = tool('soffice');
    const files: Array<{ name: string; docx: string; title: string; figures: string[] }> = [];
    for (const { name, facts } of examples) {
      const draft = await composeDraft({ facts, type: reportTypes.get(facts.type)!, composer: offlineComposer });
      const docx = join(work, `${name}.docx`);
      writeFileSync(docx, await renderDocx(draft.markdown, { unverified: draft.figures.invented }));
      // Table cells wrap and interleave in pdftotext's reading order, so figures are compared outside tables here
      // (docx.test.ts checks the table cells in the XML).
      const prose = draft.markdown.split('\n').filter((line) => !line.startsWith('|')).join('\n');
      files.push({ name, docx, title: draft.outline.title, figures: findFigures(prose) });
    }
    // One soffice run for all files, with a throw-away profile so it never touches (or waits on) a user's own.
    execFileSync(
      soffice,
      [`-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', work, ...files.map((f) => f.docx)],
      { stdio: 'pipe', timeout: 200_000 },
    );
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
      for (const figure of file.figures) expect(text, `${file.name}: ${figure}`).toContain(figure.replace(/\s+/g, ''));
      for (let page = 1; page <= pages; page++) expect(text, `${file.name}: page ${page}`).toContain(`—${page}—`);

      execFileSync(tool('pdftoppm'), ['-r', '60', '-f', '1', '-l', '1', '-png', '-singlefile', pdf, join(pngDir, file.name)]);
      expect(statSync(join(pngDir, `${file.name}.png`)).size, file.name).toBeGreaterThan(5_000);
    }
  });
});
