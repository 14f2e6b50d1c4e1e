/**
 * Reading .docx text: paragraphs as before, table rows on one line (cells by a tab), and hostile files bounded —
 * zip bombs built here with jszip (honest headers, lying headers, many parts) and XML made to be slow to scan.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DOCX_PART_LIMIT, DOCX_TOTAL_LIMIT, DocxError, DocxTooLargeError, docxText, documentLines } from '../../src/import/docx-text.js';
import { createTestApp } from '../helpers/app.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const documentXml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`;

/** A minimal .docx: only word/document.xml (what docxText reads), deflated. */
async function docxOf(xml: string, extra: Record<string, Uint8Array> = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('word/document.xml', xml);
  for (const [name, data] of Object.entries(extra)) zip.file(name, data);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Rewrites every declared uncompressed size (local headers and central directory) to `size`: headers that lie. */
function lieAboutSizes(bytes: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes);
  const view = new DataView(copy.buffer);
  for (let i = 0; i + 30 <= copy.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) view.setUint32(i + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return copy;
}

describe('docxText: paragraphs and tables', () => {
  it('keeps paragraphs as before: runs joined, tabs and breaks kept, entities decoded, tab stops in properties not text', async () => {
    const xml = documentXml(
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>一、</w:t></w:r><w:r><w:t xml:space="preserve">总体&amp;情况 </w:t></w:r></w:p>' +
        '<w:p/>' +
        '<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙&#x4E01;</w:t></w:r></w:p>',
    );
    expect(await docxText(await docxOf(xml))).toBe('一、总体&情况 \n\n\n\n甲\t乙\n丙丁');
  });

  it('puts each table row on one line, cells joined by a tab, paragraphs within a cell by "；"', async () => {
    const cell = (...lines: string[]) => new TableCell({ children: lines.map((line) => new Paragraph({ children: [new TextRun(line)] })) });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('三、工作安排'),
            new Table({
              rows: [
                new TableRow({ children: [cell('时间'), cell('工作内容'), cell('责任科室')] }),
                new TableRow({ children: [cell('3月'), cell('开展春季开学安全检查', '召开校长会议'), cell('安全科')] }),
                new TableRow({ children: [cell('4月'), cell(''), cell('基础教育科')] }),
              ],
            }),
            new Paragraph('四、保障措施'),
          ],
        },
      ],
    });
    const text = await docxText(new Uint8Array(await Packer.toBuffer(doc)));
    expect(text.split('\n\n')).toEqual([
      '三、工作安排',
      '时间\t工作内容\t责任科室',
      '3月\t开展春季开学安全检查；召开校长会议\t安全科',
      '4月\t\t基础教育科',
      '四、保障措施',
    ]);
  });

  it('keeps a row on one line when a cell has its own tabs, breaks or a nested table, and skips drawings\' fallback copies', () => {
    const lines = documentLines(
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>上</w:t><w:br/><w:t>午</w:t></w:r></w:p></w:tc>' +
        '<w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>内2</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>' +
        '<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>框内</w:t></mc:Choice><mc:Fallback><w:t>框内</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>',
    );
    expect(lines).toEqual(['上 午\t内1 内2', '框内']);
  });
});

describe('docxText: hostile files', () => {
  it('refuses a zip bomb by its declared sizes before inflating anything', async () => {
    const bomb = await docxOf(documentXml(`<w:p><w:r><w:t>${'零'.repeat(DOCX_PART_LIMIT / 3 + 1000)}</w:t></w:r></w:p>`));
    expect(bomb.length).toBeLessThan(200 * 1024); // small on the wire
    await expect(docxText(bomb)).rejects.toThrow(DocxTooLargeError);
    await expect(docxText(bomb)).rejects.toThrow(/解压后有一个部件达 \d+ MiB，超过上限/);
  });

  it('refuses many parts that are each under the part limit but together over the total', async () => {
    const part = new Uint8Array(DOCX_PART_LIMIT - 1024);
    const parts = Object.fromEntries(Array.from({ length: Math.ceil(DOCX_TOTAL_LIMIT / part.length) + 1 }, (_, i) => [`word/media/image${i}.png`, part]));
    const bomb = await docxOf(documentXml('<w:p><w:r><w:t>正文</w:t></w:r></w:p>'), parts);
    await expect(docxText(bomb)).rejects.toThrow(/合计超过 64 MiB/);
  });

  it('stops inflating at the limit when the headers lie about the size', async () => {
    const honest = await docxOf(documentXml(`<w:p><w:r><w:t>${'a'.repeat(DOCX_PART_LIMIT + 4 * 1024 * 1024)}</w:t></w:r></w:p>`));
    const lying = lieAboutSizes(honest, 2048);
    const before = process.memoryUsage().rss;
    await expect(docxText(lying)).rejects.toThrow(/文件头中声明的大小不实/);
    // Bounded: the part limit plus a chunk, not the whole inflated text several times over.
    expect(process.memoryUsage().rss - before).toBeLessThan(8 * DOCX_PART_LIMIT);
  });

  it('answers POST /api/imports with 413 and a Chinese message for a bomb', async () => {
    const { app } = await createTestApp();
    const bomb = lieAboutSizes(await docxOf(documentXml(`<w:p><w:r><w:t>${'b'.repeat(DOCX_PART_LIMIT + 1024 * 1024)}</w:t></w:r></w:p>`)), 100);
    const form = new FormData();
    form.append('file', new File([new Uint8Array(bomb)], '去年总结.docx'));
    const response = await app.request('/api/imports', { method: 'POST', body: form });
    expect(response.status).toBe(413);
    const body = await response.json();
    expect(body.error.code).toBe('payload_too_large');
    expect(body.error.message).toMatch(/^去年总结\.docx：这个 \.docx 文件解压后/);
  });

  it('reads XML of 60,000 repeated or unclosed tags in one pass, with the text that is there', async () => {
    for (const tag of ['<w:body>', '<w:p>', '<w:pPr>', '<w:t>', '<w:tr>', '<w:tc>']) {
      const xml = documentXml(`<w:p><w:r><w:t>开头</w:t></w:r></w:p>${tag.repeat(60_000)}`);
      const text = await docxText(await docxOf(xml));
      expect(text.startsWith('开头'), tag).toBe(true);
    }
    const many = documentXml('<w:p><w:r><w:t>段</w:t></w:r></w:p>'.repeat(60_000));
    expect((await docxText(await docxOf(many))).split('\n\n')).toHaveLength(60_000);
  });

  it('still refuses what is not a .docx with the old messages', async () => {
    await expect(docxText(new TextEncoder().encode('纯文本'))).rejects.toThrow(/不是 \.docx 文件/);
    const zip = await new JSZip().file('a.txt', 'x').generateAsync({ type: 'uint8array' });
    await expect(docxText(zip)).rejects.toThrow(DocxError);
    await expect(docxText(zip)).rejects.toThrow(/没有 Word 正文/);
  });
});
