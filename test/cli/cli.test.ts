import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestApp, json } from '../helpers/app.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

/** Runs the CLI as a user would (through tsx), returning exit code, stdout and stderr. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(join(root, 'node_modules/.bin/tsx'), ['src/cli.ts', ...args], { cwd: root, maxBuffer: 16 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const dir = mkdtempSync(join(tmpdir(), 'cli-test-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('draft command', () => {
  it('prints the same Markdown draft as POST /api/drafts', async () => {
    const { app } = await createTestApp();
    const example = 'data/examples/annual-summary.json';
    const facts = JSON.parse((await import('node:fs')).readFileSync(join(root, example), 'utf8'));
    const response = await app.request('/api/drafts', json(facts));
    const body = (await response.json()) as { markdown: string };
    const result = await cli('draft', '--facts', example);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(body.markdown);
  });

  it('gives json with markdown, html, text, outline, warnings and figures', async () => {
    const result = await cli('draft', '--facts', 'data/examples/annual-summary.json', '--format', 'json');
    const parsed = JSON.parse(result.stdout);
    expect(Object.keys(parsed).sort()).toEqual(['figures', 'html', 'markdown', 'outline', 'text', 'warnings']);
    expect(parsed.figures.invented).toEqual([]);
    expect(parsed.html).toContain('<h2>一、');
  });

  it('writes to --out and keeps stdout empty', async () => {
    const out = join(dir, 'out.txt');
    const result = await cli('draft', '--facts', 'data/examples/annual-summary.json', '--format', 'text', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect((await import('node:fs')).readFileSync(out, 'utf8')).toMatch(/^青河区教育局2025年工作总结\n/);
  });

  it.each([
    ['a missing file', ['--facts', join(dir, 'nope.json')], /^--facts: 无法读取文件/],
    ['invalid JSON', ['--facts', file('bad.json', '{ org: ')], /^--facts: .*bad\.json 不是合法的 JSON：第 1 行第 3 列/],
    ['a cut-off JSON file', ['--facts', file('cut.json', '{\n  "type": "work-plan",\n  "org": "甲"\n')], /不是合法的 JSON：内容不完整/],
    ['a fact of the wrong type', ['--facts', file('num.json', JSON.stringify({ type: 'work-plan', org: '甲', period: '2026年', sections: [{ topic: '甲', facts: [12] }] }))], /^sections\[0\]\.facts\[0\]: 类型不对/m],
    ['a missing org', ['--facts', file('no-org.json', JSON.stringify({ type: 'work-plan', period: '2026年', sections: [{ topic: '甲', facts: ['乙'] }] }))], /^org: 缺少单位名称/m],
    ['an unknown type', ['--facts', file('type.json', JSON.stringify({ type: 'poem', org: '甲', period: '2026年', sections: [{ topic: '甲', facts: ['乙'] }] }))], /^type: 未知的报告类型“poem”/m],
    ['facts not a list', ['--facts', file('facts.json', JSON.stringify({ type: 'work-plan', org: '甲', period: '2026年', sections: [{ topic: '甲', facts: '乙' }] }))], /^sections\[0\]\.facts: /m],
    ['empty sections', ['--facts', file('empty.json', JSON.stringify({ type: 'work-plan', org: '甲', period: '2026年', sections: [] }))], /^sections: 至少需要一个工作领域/m],
    ['a wrong format', ['--facts', 'data/examples/annual-summary.json', '--format', 'pdf'], /^--format: /],
    ['an unknown option', ['--facts', 'data/examples/annual-summary.json', '--bogus'], /^参数有误：不认识的选项 --bogus/],
    ['an option without its value', ['--facts'], /^参数有误：选项 --facts 后面需要一个值/],
    ['an --out in a folder that does not exist', ['--facts', 'data/examples/work-plan.json', '--format', 'docx', '--out', '/nonexistent/dir/x.docx'], /^--out: 无法写入 \/nonexistent\/dir\/x\.docx（所在目录不存在）/],
  ])('exits 2 naming the field for %s, in Chinese, with no stack trace', async (_name, args, message) => {
    const result = await cli('draft', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    // No English sentence of the engine or of node:util left in the first line.
    expect(result.stderr.split('\n')[0]).not.toMatch(/Unknown|Unexpected|option|ENOENT|JSON at|token/);
    expect(result.stdout).toBe('');
  });

  it('with --stream, prints the whole document on stdout (title, headings, 落款) and the progress on stderr', async () => {
    const example = 'data/examples/work-plan.json';
    const whole = await cli('draft', '--facts', example);
    const streamed = await cli('draft', '--facts', example, '--stream');
    expect(streamed.code).toBe(0);
    expect(streamed.stdout).toBe(whole.stdout);
    expect(streamed.stdout).toMatch(/^# /);
    expect(streamed.stdout).toContain('## 一、');
    // Progress: each part's heading as it starts, and its text.
    expect(streamed.stderr).toContain('… ');
    const firstFact = JSON.parse((await import('node:fs')).readFileSync(join(root, example), 'utf8')).sections[0].facts[0] as string;
    expect(streamed.stderr).toContain(firstFact.replace(/[。；]$/, ''));
  });
});

describe('prompt and schema commands', () => {
  it('fills a part prompt with that part’s facts, delimited as data', async () => {
    const result = await cli('prompt', 'annual-summary', '--facts', 'data/examples/annual-summary.json', '--section', '2');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('<facts>');
    expect(result.stdout).toContain('- 公开招聘中小学教师135名、幼儿园教师42名');
    expect(result.stdout).not.toContain('48个基层党组织');
    expect(result.stdout).not.toMatch(/\{\{\w+\}\}/);
  });

  it('gives a whole-report prompt with every fact when no section is named', async () => {
    const result = await cli('prompt', 'annual-summary', '--facts', 'data/examples/annual-summary.json');
    expect(result.stdout).toContain('48个基层党组织');
    expect(result.stdout).toContain('2338.2万元');
  });

  it('rejects a section number outside the outline', async () => {
    const result = await cli('prompt', 'annual-summary', '--facts', 'data/examples/annual-summary.json', '--section', '99');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^--section: /);
  });

  it('prints the JSON Schema of a type', async () => {
    const result = await cli('schema', 'annual-summary');
    const schema = JSON.parse(result.stdout);
    expect(schema.properties.type.const).toBe('annual-summary');
    expect(schema.required).toEqual(expect.arrayContaining(['org', 'period', 'sections']));
  });
});
