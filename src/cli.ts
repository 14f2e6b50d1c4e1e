/**
 * The command line (CONTRACTS.md §2): draft, prompt, schema, import, proofread, consolidate. Bad input exits 2 with one line per
 * problem naming the field; no stack traces.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { OrderedPieces } from './compose/ordered-pieces.js';
import { ConfigError, parseConfig } from './config.js';
import { composeDraft, draftEvents } from './services/draft-pipeline.js';
import { buildPiecePrompt, buildWholePrompt } from './compose/prompt-builder.js';
import { leafItems } from './compose/assemble.js';
import { parseFactSheet, type FactSheet } from './domain/fact-sheet.js';
import { factSheetJsonSchema } from './domain/json-schema.js';
import { useChineseMessages } from './domain/validation-messages.js';
import { buildOutline } from './domain/outline.js';
import { loadReportTypes, phrasesOf, type ReportType } from './domain/report-types.js';
import { readPromptFiles } from './node/prompt-files.js';
import { buildParts } from './parts.js';
import { unknownReportType } from './contract/messages.js';
import { importFileCommand } from './import/import-command.js';
import { proofreadFileCommand } from './proofread/proofread-command.js';
import { ConsolidationInputError, consolidateFiles } from './consolidate/consolidate-files.js';
import { renderDocx } from './render/docx.js';
import { statedDerived } from './domain/figure-guard.js';

/** A problem with what the user gave: printed as lines, exit 2. */
class UsageError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

const USAGE = `用法：
  npm run --silent draft -- --facts FILE [--format markdown|html|text|json|docx] [--out FILE] [--stream]
  npm run --silent prompt -- TYPE [--facts FILE] [--section N]
  npm run --silent schema -- TYPE
  npm run --silent import -- FILE [--report N]
  npm run --silent proofread -- FILE [--fix]
  npm run --silent consolidate -- [--type T] [--org O] [--period P] [--split 领域] [--merge 领域,领域] FILE...`;

// The same plain-Chinese validation messages as the HTTP API.
useChineseMessages();

const types = loadReportTypes(readPromptFiles());

function readJson(path: string, flag: string): unknown {
  let text: string;
  try {
    text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch {
    throw new UsageError([`${flag}: 无法读取文件 ${path}`]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError([`${flag}: ${path} 不是合法的 JSON：${jsonProblem(text, (error as Error).message)}`]);
  }
}

/** Where and what a JSON syntax error is, in Chinese (the engine's own words are English). */
function jsonProblem(text: string, engineMessage: string): string {
  if (!text.trim()) return '文件是空的';
  const at = /position (\d+)/.exec(engineMessage);
  if (!at) return /end of JSON/i.test(engineMessage) ? '内容不完整（在结尾处中断，可能少了 } 或 ]）' : '有语法错误';
  if (Number(at[1]) >= text.trimEnd().length) return '内容不完整（在结尾处中断，可能少了 } 或 ]）';
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  const found = text[Number(at[1])];
  return `第 ${line} 行第 ${column} 列有语法错误${found ? `（此处是“${found}”；常见原因：多了或少了逗号、引号不是英文半角、最后一项后面多了逗号）` : ''}`;
}

function readFacts(path: string | undefined): { facts: FactSheet; type: ReportType } {
  if (!path) throw new UsageError(['--facts: 请用 --facts FILE 指定事实表（JSON 文件，- 表示标准输入）']);
  const parsed = parseFactSheet(readJson(path, '--facts'), [...types.keys()]);
  if (!parsed.ok) throw new UsageError(parsed.issues.map((issue) => `${issue.path}: ${issue.message}`));
  return { facts: parsed.value, type: types.get(parsed.value.type)! };
}

function typeArg(name: string | undefined): ReportType {
  if (!name) throw new UsageError([`TYPE: 请指定报告类型：${[...types.keys()].join('、')}`]);
  const type = types.get(name);
  if (!type) throw new UsageError([`TYPE: ${unknownReportType(name, types.keys())}`]);
  return type;
}

function output(text: string | Uint8Array, out: string | undefined) {
  if (!out) return void process.stdout.write(text);
  try {
    writeFileSync(out, text);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? '所在目录不存在' : code === 'EACCES' || code === 'EPERM' ? '没有写入权限' : code === 'EISDIR' ? '这是一个目录' : '写入失败';
    throw new UsageError([`--out: 无法写入 ${out}（${why}）`]);
  }
}

const FORMATS = ['markdown', 'html', 'text', 'json', 'docx'] as const;

async function draft(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { facts: { type: 'string' }, format: { type: 'string', default: 'markdown' }, out: { type: 'string' }, stream: { type: 'boolean' } },
  });
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError([`--format: 应为 ${FORMATS.join('、')} 之一`]);
  // A .docx is binary: it goes to a file, never to the terminal.
  if (format === 'docx' && !values.out) throw new UsageError(['--out: 导出 Word（--format docx）时须用 --out FILE 指定输出文件']);
  const { facts, type } = readFacts(values.facts);
  // The model when OPENAI_API_KEY is set, the offline composer otherwise; a wrong setting is a usage error.
  let composer;
  try {
    composer = buildParts(parseConfig(process.env), types).composer;
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message.split('\n').map((line) => line.trim()).filter(Boolean));
    throw error;
  }
  if (values.stream) {
    // Progress on stderr: each part's text in reading order (parts are written in parallel), as soon as its turn
    // comes. stdout (or --out) gets the whole document at the end, title, headings and 落款 included.
    const pieces = new OrderedPieces((text) => process.stderr.write(text));
    for await (const event of draftEvents({ facts, type, composer })) {
      if (event.type === 'section-start' && event.heading) process.stderr.write(`… ${event.heading}\n`);
      pieces.push(event);
      if (event.type === 'done') {
        output(await renderFile(event.result, format), values.out);
        report(event.result.warnings);
      }
    }
    return;
  }
  const result = await composeDraft({ facts, type, composer });
  output(await renderFile(result, format), values.out);
  report(result.warnings);
}

function render(result: Awaited<ReturnType<typeof composeDraft>>, format: (typeof FORMATS)[number]): string {
  switch (format) {
    case 'html':
      return result.html;
    case 'text':
      return result.text;
    case 'json': {
      const { markdown, html, text, outline, warnings, figures } = result;
      return `${JSON.stringify({ markdown, html, text, outline, warnings, figures }, null, 2)}\n`;
    }
    default:
      return result.markdown;
  }
}

/** The draft in the chosen format: text, or the bytes of a Word file. */
async function renderFile(result: Awaited<ReturnType<typeof composeDraft>>, format: (typeof FORMATS)[number]): Promise<string | Uint8Array> {
  return format === 'docx' ? renderDocx(result.markdown, { marks: result.figures.inventedAt, computed: statedDerived(result.figures) }) : render(result, format);
}

/** Warnings go to stderr so stdout stays the draft alone. */
function report(warnings: Array<{ message: string }>) {
  for (const warning of warnings) process.stderr.write(`提示：${warning.message}\n`);
}

function prompt(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { facts: { type: 'string' }, section: { type: 'string' } } });
  const type = typeArg(positionals[0]);
  if (!values.facts) {
    const n = values.section ? Number(values.section) : undefined;
    if (n !== undefined) {
      const part = type.parts[n - 1];
      if (!Number.isInteger(n) || !part) throw new UsageError([`--section: 应为 1 到 ${type.parts.length} 之间的整数`]);
      output(`${type.style}\n\n${part.promptText}`, undefined);
    } else {
      output([type.style, ...type.parts.map((p) => p.promptText)].join('\n\n---\n\n'), undefined);
    }
    return;
  }
  const { facts } = readFacts(values.facts);
  if (facts.type !== type.id) throw new UsageError([`type: 事实表的类型是“${facts.type}”，与命令中的“${type.id}”不一致`]);
  const outline = buildOutline(facts, type);
  if (values.section === undefined) {
    output(`${buildWholePrompt(type, facts, outline)}\n`, undefined);
    return;
  }
  const leaves = leafItems(outline);
  const n = Number(values.section);
  if (!Number.isInteger(n) || n < 1 || n > leaves.length) {
    throw new UsageError([`--section: 应为 1 到 ${leaves.length} 之间的整数（提纲共 ${leaves.length} 部分）`]);
  }
  const filled = buildPiecePrompt(type, facts, outline, leaves[n - 1].key);
  output(`${filled.system}\n\n${filled.user}\n`, undefined);
}

function schema(args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  output(`${JSON.stringify(factSheetJsonSchema(typeArg(positionals[0])), null, 2)}\n`, undefined);
}

/** import FILE: the fact sheet recovered from an old report, with warnings (JSON on stdout). */
async function importCommand(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { report: { type: 'string' } } });
  const path = positionals[0];
  if (!path) throw new UsageError(['FILE: 请指定要导入的文件（.txt、.md 或 .docx）']);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new UsageError([`${path}: 无法读取文件`]);
  }
  const result = await importFileCommand(path, bytes, values.report);
  if (!result.ok) throw new UsageError(result.lines);
  output(`${JSON.stringify(result.body, null, 2)}\n`, undefined);
}

/** proofread FILE: the issues as JSON (for .docx with the text they point into); --fix prints the text with every certain suggestion applied. */
async function proofreadCommand(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { fix: { type: 'boolean' } } });
  const path = positionals[0];
  if (!path) throw new UsageError(['FILE: 请指定要校对的文件（.txt、.md 或 .docx）']);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new UsageError([`${path}: 无法读取文件`]);
  }
  const result = await proofreadFileCommand(path, bytes);
  if (!result.ok) throw new UsageError(result.lines);
  output(values.fix ? result.fixed : `${JSON.stringify(result.body, null, 2)}\n`, undefined);
}

/** consolidate FILE...: the schools' reports compiled into one fact sheet, with the sums offered (JSON on stdout). */
async function consolidateCommand(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { type: { type: 'string' }, org: { type: 'string' }, period: { type: 'string' }, split: { type: 'string', multiple: true }, merge: { type: 'string', multiple: true } },
  });
  if (values.type !== undefined && !types.has(values.type)) throw new UsageError([`--type: ${unknownReportType(values.type, types.keys())}`]);
  for (const [flag, value] of [['--org', values.org], ['--period', values.period]] as const) {
    if (value !== undefined && !value.trim()) throw new UsageError([`${flag}: 不能为空`]);
  }
  if (!positionals.length) throw new UsageError(['FILE: 请指定要汇总的各单位报告（.txt、.md 或 .docx，至少 2 份）']);
  const files = positionals.map((path) => {
    try {
      return { name: path, bytes: readFileSync(path) as Uint8Array };
    } catch {
      throw new UsageError([`${path}: 无法读取文件`]);
    }
  });
  try {
    const result = await consolidateFiles(files, {
      phrases: phrasesOf(types),
      type: values.type,
      org: values.org?.trim(),
      period: values.period?.trim(),
      split: values.split,
      merge: values.merge?.map((m) => m.split(/[,，]/).map((k) => k.trim()).filter(Boolean)),
    });
    output(`${JSON.stringify(result, null, 2)}\n`, undefined);
  } catch (error) {
    if (error instanceof ConsolidationInputError) throw new UsageError([error.message]);
    throw error;
  }
}

const commands: Record<string, (args: string[]) => unknown> = { draft, prompt, schema, import: importCommand, proofread: proofreadCommand, consolidate: consolidateCommand };

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const run = command ? commands[command] : undefined;
  if (!run) throw new UsageError([`命令：未知命令“${command ?? ''}”`, USAGE]);
  await run(rest);
}

/** node:util parseArgs's complaint, in Chinese: its own message is English. */
function argsProblem(error: Error & { code: string }): string {
  const named = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  const option = named.split(/\s|,/)[0];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `不认识的选项 ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(error.message) ? `选项 ${option} 后面需要一个值` : `选项 ${option} 不需要值`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数“${named}”`;
    default:
      return '无法识别的参数';
  }
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
  } else if ((error as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`参数有误：${argsProblem(error as Error & { code: string })}\n${USAGE}\n`);
  } else {
    process.stderr.write(`出错了：${(error as Error)?.message ?? error}\n`);
    process.exit(1);
  }
  process.exit(2);
});
