/**
 * Computed figures in Word: an accepted sum stated in the draft gets a footnote saying how it was computed, at its
 * first occurrence, and LibreOffice shows it. Needs soffice and pdftotext (.ci/run installs them).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { composeDraft } from '../../src/services/draft-pipeline.js';
import { offlineComposer } from '../../src/compose/offline-composer.js';
import type { FactSheet } from '../../src/domain/fact-sheet.js';
import { statedDerived } from '../../src/domain/figure-guard.js';
import { renderDocx } from '../../src/render/docx.js';
import { reportTypes } from '../helpers/app.js';

const facts: FactSheet = {
  type: 'half-year-summary',
  org: '某某县教育局',
  period: '2026年上半年',
  sections: [
    { topic: '教师队伍建设', facts: ['城关一小：培训教师120人次', '城关二小：培训教师80人次', '东关小学：培训教师95人次，另有1295人次参加线上学习'] },
  ],
  derived: [{ value: '295人次', of: ['120人次', '80人次', '95人次'], op: 'sum', label: '培训教师', accepted: true }],
};

const work = mkdtempSync(join(tmpdir(), 'docx-notes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('computed figures in the Word export', () => {
  it('footnotes an accepted sum once with its formula, and only the whole figure', { timeout: 120_000 }, async () => {
    const draft = await composeDraft({ facts, type: reportTypes.get(facts.type)!, composer: offlineComposer });
    expect(draft.markdown).toContain('295人次');
    const computed = statedDerived(draft.figures);
    expect(computed).toEqual([{ value: '295人次', formula: expect.stringContaining('= 295人次') }]);
    // The sum stated twice: the footnote is referred to at its first place only.
    const markdown = `${draft.markdown}\n\n全县合计295人次。`;
    const bytes = await renderDocx(markdown, { computed });
    const zip = await JSZip.loadAsync(bytes);
    const notes = await zip.file('word/footnotes.xml')!.async('string');
    expect(notes).toContain(`计算得出：${computed[0].formula}`);
    const body = await zip.file('word/document.xml')!.async('string');
    expect(body.match(/<w:footnoteReference\b/g)).toHaveLength(1);
    // Without computed figures there is no footnote at all.
    const plain = await JSZip.loadAsync(await renderDocx(markdown));
    expect((await plain.file('word/document.xml')!.async('string')).match(/<w:footnoteReference\b/g)).toBeNull();

    // LibreOffice lays the footnote out on the page.
    const file = join(work, 'sum.docx');
    writeFileSync(file, bytes);
    const profile = `-env:UserInstallation=${pathToFileURL(join(work, 'profile')).href}`;
    execFileSync('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', work, file], { stdio: 'pipe', timeout: 100_000 });
    const text = execFileSync('pdftotext', [join(work, 'sum.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('计算得出：');
    expect(text).toContain('120人次+80人次+95人次=295人次');
  });
});
