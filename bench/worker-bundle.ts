/**
 * The Worker bundle's size as Cloudflare measures it: `wrangler deploy --dry-run --minify`, gzipped. Baseline in
 * the same run: a bare Hono Worker bundled the same way. Also lists what weighs most, from esbuild's metafile.
 * Run: npx tsx bench/worker-bundle.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');
const TARGET_KIB = 400;

const kib = (bytes: number) => bytes / 1024;
const gzipKib = (file: string) => kib(gzipSync(readFileSync(file), { level: 9 }).length);

function dryRun(args: string[], outdir: string): void {
  execFileSync(WRANGLER, ['deploy', '--dry-run', '--minify', '--outdir', outdir, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  });
}

/** Bytes each package (or our own src/ folder) contributes to the minified output. */
function weights(metafile: string): Array<[string, number]> {
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
  const totals = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
      const key = pkg ?? input.replace(/^(src\/[^/]+)\/.*$/, '$1/');
      totals.set(key, (totals.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** Package groups a feature pulls in; the what-if build swaps each group for an empty module to price it. */
const GROUPS: Array<[string, string[]]> = [
  ['Word export (docx, jszip)', ['docx', 'jszip']],
  // jszip stays: the Word export needs it too. opencc-js is imported by subpath (core and three dictionaries).
  ['report import (opencc-js)', ['opencc-js/core', 'opencc-js/dict/CJK_Compatibility_Ideographs', 'opencc-js/dict/TSCharacters', 'opencc-js/dict/TSPhrases']],
  ['model composer (openai)', ['openai']],
];

/** A copy of wrangler.toml whose [alias] points the given packages at an empty module (the bundle would not run). */
function withoutPackages(work: string, packages: string[]): string {
  const stub = join(work, 'empty.cjs');
  writeFileSync(stub, 'module.exports = {};\n');
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')
    .replace(/^main = ".*"$/m, `main = "${join(ROOT, 'src/worker.ts')}"`)
    // Paths in a config resolve from its own folder: the copy lives in a temp folder.
    .replace(/^directory = "\.\/(.*)"$/m, (_, dir: string) => `directory = "${join(ROOT, dir)}"`)
    .replace(/^\[build\]\n(?:(?!\[).*\n)*/m, ''); // the first dry run already generated the modules
  const file = join(work, `without-${packages[0].replace(/\//g, '-')}.toml`);
  writeFileSync(file, `${toml}\n[alias]\n${packages.map((p) => `"${p}" = "${stub}"`).join('\n')}\n`);
  return file;
}

const work = mkdtempSync(join(tmpdir(), 'worker-bundle-'));
try {
  const appDir = join(work, 'app');
  dryRun(['--metafile', join(work, 'meta.json')], appDir);
  const app = { raw: kib(readFileSync(join(appDir, 'worker.js')).length), gzip: gzipKib(join(appDir, 'worker.js')) };

  // Baseline: the smallest Hono Worker, same wrangler, same flags.
  const bare = join(work, 'bare');
  writeFileSync(join(work, 'bare.ts'), "import { Hono } from 'hono';\nexport default new Hono().get('/', (c) => c.json({ ok: true }));\n");
  writeFileSync(join(work, 'bare.toml'), `name = "bare"\nmain = "${join(work, 'bare.ts')}"\ncompatibility_date = "2026-04-20"\n`);
  // Resolve hono from this project: the bare Worker lives in a temp dir with no node_modules of its own.
  writeFileSync(join(work, 'package.json'), '{"type":"module"}');
  execFileSync('ln', ['-s', join(ROOT, 'node_modules'), join(work, 'node_modules')]);
  dryRun(['--config', join(work, 'bare.toml')], bare);
  const base = { raw: kib(readFileSync(join(bare, 'bare.js')).length), gzip: gzipKib(join(bare, 'bare.js')) };

  console.log(`report-drafter: ${app.raw.toFixed(1)} KiB minified, ${app.gzip.toFixed(1)} KiB gzip (target < ${TARGET_KIB} KiB: ${app.gzip < TARGET_KIB ? 'met' : 'NOT met'}, ${(app.gzip / TARGET_KIB).toFixed(2)} of it)`);
  console.log(`bare Hono:      ${base.raw.toFixed(1)} KiB minified, ${base.gzip.toFixed(1)} KiB gzip`);
  console.log(`ratio (gzip):   ${(app.gzip / base.gzip).toFixed(1)}× the bare Hono Worker`);
  console.log('\nheaviest inputs (minified bytes in the bundle):');
  for (const [name, bytes] of weights(join(work, 'meta.json')).slice(0, 12)) console.log(`  ${kib(bytes).toFixed(1).padStart(7)} KiB  ${name}`);

  console.log('\nwhat each feature costs (gzip KiB saved if its packages were left out):');
  for (const [label, packages] of GROUPS) {
    const out = join(work, `without-${packages[0].replace(/\//g, '-')}`);
    dryRun(['--config', withoutPackages(work, packages)], out);
    console.log(`  ${(app.gzip - gzipKib(join(out, 'worker.js'))).toFixed(1).padStart(6)} KiB  ${label}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
