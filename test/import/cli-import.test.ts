/** `npm run --silent import -- FILE` as a user runs it (through tsx): JSON on stdout, exit 2 with a line naming a bad file. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(join(root, 'node_modules/.bin/tsx'), ['src/cli.ts', 'import', ...args], { cwd: root, maxBuffer: 16 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('import command', { timeout: 60_000 }, () => {
  it('prints the fact sheet and warnings of a .txt and a .md file', async () => {
    const txt = join(dir, '总结.txt');
    writeFileSync(txt, fixture('annual-noisy.txt'));
    const out = await cli(txt);
    expect(out.code).toBe(0);
    const body = JSON.parse(out.stdout);
    expect(body.facts).toMatchObject({ type: 'annual-summary', org: '河西区教育局', period: '2024年' });
    expect(body.warnings.length).toBeGreaterThan(0);

    const md = join(dir, '计划.md');
    writeFileSync(md, fixture('work-plan-mixed.txt').replace(/^([一二三四]、)/gm, '## $1'));
    const plan = JSON.parse((await cli(md)).stdout);
    expect(plan.facts.sections.map((s: { topic: string }) => s.topic)).toEqual(['提升课堂质量', '加强队伍建设', '守牢安全底线', '组织保障']);
  });

  it('picks a report of a collection with --report', async () => {
    const path = join(dir, '要点.txt');
    writeFileSync(path, fixture('key-points-traditional.txt'));
    const body = JSON.parse((await cli(path, '--report', '2')).stdout);
    expect(body.facts.title).toBe('临江县教育局2023年人事工作要点');
    expect(body.reports).toHaveLength(3);
  });

  it('exits 2 with one line naming a missing file', async () => {
    const missing = await cli(join(dir, '没有这个文件.txt'));
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`${join(dir, '没有这个文件.txt')}: 无法读取文件`);
  });

  it('exits 2 naming an unsupported file type', async () => {
    const pdf = join(dir, '总结.pdf');
    writeFileSync(pdf, '%PDF');
    const unsupported = await cli(pdf);
    expect(unsupported.code).toBe(2);
    expect(unsupported.stderr).toContain(`${pdf}: 不支持的文件类型`);
  });

  it('exits 2 naming a broken .docx, without a stack trace', async () => {
    const docx = join(dir, '坏的.docx');
    writeFileSync(docx, 'plain text');
    const broken = await cli(docx);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${docx}: 不是 .docx 文件`);
    expect(broken.stderr).not.toMatch(/at .*\.ts/);
  });

  it('exits 2 naming --report when it is not a number', async () => {
    const bad = await cli(join(dir, '总结.txt'), '--report', 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--report');
  });
});
