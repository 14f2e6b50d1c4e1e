/** `npm run --silent consolidate -- … FILE...` as a user runs it (through tsx): JSON on stdout, exit 2 with a Chinese line naming the field or file. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const set = join(root, 'test/fixtures/consolidate/half-year-primary');
const dir = mkdtempSync(join(tmpdir(), 'consolidate-cli-'));

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(join(root, 'node_modules/.bin/tsx'), ['src/cli.ts', 'consolidate', ...args], { cwd: root, maxBuffer: 16 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('consolidate command', { timeout: 60_000 }, () => {
  it('compiles .txt, .md and .docx reports into { facts, warnings } with the sums offered', async () => {
    // One school's report as a real Word file: its lines as paragraphs.
    const lines = readFileSync(join(set, '西关小学.txt'), 'utf8').split('\n').filter(Boolean);
    const docx = join(dir, '西关小学.docx');
    writeFileSync(docx, await Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph(l)) }] })));
    const others = readdirSync(set).filter((f) => f !== 'expected.json' && !f.startsWith('西关')).map((f) => join(set, f));
    const out = await cli('--org', '城关镇中心校', '--period', '2025年春季学期', ...others, docx);
    expect(out.code).toBe(0);
    const body = JSON.parse(out.stdout);
    expect(body.facts).toMatchObject({ org: '城关镇中心校', period: '2025年春季学期', type: 'half-year-summary' });
    expect(body.facts.sections.find((s: { topic: string }) => s.topic === '教师队伍建设').facts).toContain('西关小学：全体教师参加暑期师德培训，累计培训教师60人次。');
    expect(body.facts.derived.find((d: { label: string }) => d.label === '培训教师')).toMatchObject({ value: '355人次', op: 'sum', accepted: false });
    expect(Array.isArray(body.warnings)).toBe(true);
  });

  it('undoes a merge with --split', async () => {
    const files = readdirSync(set).filter((f) => f !== 'expected.json').map((f) => join(set, f));
    const body = JSON.parse((await cli('--org', '某县教育局', '--split', 'topic:德育', ...files)).stdout);
    expect(body.facts.sections.map((s: { topic: string }) => s.topic)).toEqual(expect.arrayContaining(['德育工作（城关第一小学）', '立德树人（城关第二小学）', '学生德育（东关小学）']));
  });

  it('exits 2 with a line naming what is wrong', async () => {
    const one = await cli(join(set, '城关一小.txt'));
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('至少需要 2 份');
    const bad = await cli(join(set, '城关一小.txt'), join(root, 'package.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('package.json');
    expect(bad.stderr).toContain('不支持的文件类型');
    const type = await cli('--type', 'yearly', join(set, '城关一小.txt'), join(set, '城关二小.txt'));
    expect(type.code).toBe(2);
    expect(type.stderr).toMatch(/^--type: 未知的报告类型/);
    const missing = await cli(join(set, '城关一小.txt'), join(dir, '没有这个文件.txt'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('没有这个文件.txt: 无法读取文件');
    expect(`${one.stderr}${bad.stderr}${type.stderr}`).not.toMatch(/at .*\.ts:\d+/);
  });
});
