/** `npm run --silent proofread -- FILE [--fix]` as a user runs it (through tsx): .txt, .md and a real .docx; exit 2 on bad input. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'proofread-cli-'));

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(join(root, 'node_modules/.bin/tsx'), ['src/cli.ts', 'proofread', ...args], { cwd: root, maxBuffer: 16 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const TEXT = '全区共有幼儿园１２６所,其中公办园68所。\n各项工作按步就班推进，约50余所学校参加。\n';

describe('proofread command', { timeout: 60_000 }, () => {
  it('prints the issues of a .txt file with offsets into its text, and --fix prints the text with certain fixes', async () => {
    const path = join(dir, '总结.txt');
    writeFileSync(path, TEXT);
    const out = await cli(path);
    expect(out.code).toBe(0);
    const { issues } = JSON.parse(out.stdout);
    expect(issues.map((i: { start: number; end: number; kind: string }) => [i.kind, TEXT.slice(i.start, i.end)])).toEqual([
      ['number', '１２６'],
      ['punctuation', ','],
      ['typo', '按步就班'],
      ['number', '约50余'],
    ]);
    const fixed = await cli(path, '--fix');
    expect(fixed.code).toBe(0);
    // 约50余 has no certain fix (which word to drop is the writer's call): it stays.
    expect(fixed.stdout).toBe('全区共有幼儿园126所，其中公办园68所。\n各项工作按部就班推进，约50余所学校参加。\n');
  });

  it('reads a .md file as markdown: ## and table pipes are not punctuation', async () => {
    const path = join(dir, '计划.md');
    writeFileSync(path, '# 某区教育局2025年工作计划\n\n## 一、工作目标\n\n| 时间 | 内容 |\n| --- | --- |\n| 9月 | 开学检查,新生入学 |\n');
    const { issues } = JSON.parse((await cli(path)).stdout);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ kind: 'punctuation', suggestion: '，' });
  });

  it('prints a .docx file’s extracted text beside its issues, the offsets pointing into it', async () => {
    const doc = new Document({ sections: [{ children: TEXT.trim().split('\n').map((line) => new Paragraph(line)) }] });
    const path = join(dir, '总结.docx');
    writeFileSync(path, new Uint8Array(await Packer.toBuffer(doc)));
    const body = JSON.parse((await cli(path)).stdout);
    expect(body.text).toContain('按步就班');
    const typo = body.issues.find((i: { kind: string }) => i.kind === 'typo');
    expect(body.text.slice(typo.start, typo.end)).toBe('按步就班');
  });

  it('exits 2 with one Chinese line for a missing file, an unsupported type, a broken .docx, or no file at all', async () => {
    const missing = await cli(join(dir, '没有.txt'));
    expect([missing.code, missing.stderr.trim()]).toEqual([2, `${join(dir, '没有.txt')}: 无法读取文件`]);
    const pdf = join(dir, '总结.pdf');
    writeFileSync(pdf, '%PDF');
    expect((await cli(pdf)).stderr).toContain('不支持的文件类型');
    const broken = join(dir, '坏.docx');
    writeFileSync(broken, 'not a zip');
    const bad = await cli(broken);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`^${broken}: [\\u4e00-\\u9fff]`));
    const none = await cli();
    expect([none.code, none.stderr.trim()]).toEqual([2, 'FILE: 请指定要校对的文件（.txt、.md 或 .docx）']);
  });
});
