/**
 * The layout's rules (README 目录结构, ARCHITECTURE.md), checked on the source itself: every import under src/ is
 * read and resolved, so a file put in the wrong room, or an import that points up a layer, fails here.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every module a file names: static imports and re-exports (type-only ones too), dynamic imports, `declare module`. */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?\sfrom\s+['"]([^'"]+)['"]/g)) found.push(m[1]);
  for (const m of code.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) found.push(m[1]);
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]);
  return found;
}

/** src-relative path of a relative import (`../x.js` → `x.ts`), or null for a package or a runtime module. */
function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = join(dirname(from), spec).replace(/\.js$/, '.ts');
  return relative(SRC, target).split('\\').join('/');
}

const files = sourceFiles(SRC).map((path) => {
  const name = relative(SRC, path).split('\\').join('/');
  const specs = specifiers(readFileSync(path, 'utf8'));
  return { name, specs, local: specs.map((s) => resolveLocal(path, s)).filter((s): s is string => s !== null) };
});

const NODE_BUILTINS = new Set(builtinModules);
const inNodeRoom = (name: string) => name.startsWith('node/') || name === 'node.ts' || name === 'cli.ts';
const ENTRIES = new Set(['node.ts', 'worker.ts', 'cli.ts']);

describe('the layout of src/', () => {
  it('reads imports from the source (the scan itself works)', () => {
    expect(files.length).toBeGreaterThan(50);
    const app = files.find((f) => f.name === 'http/app.ts')!;
    expect(app.local).toContain('http/router.ts');
    expect(app.specs).toContain('../domain/validation-messages.js');
  });

  it('uses node: modules only in the Node room (src/node/, src/node.ts, src/cli.ts)', () => {
    const offenders = files.flatMap((f) =>
      f.specs.filter((s) => s.startsWith('node:') || NODE_BUILTINS.has(s.split('/')[0])).filter(() => !inNodeRoom(f.name)).map((s) => `${f.name} → ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps Workers-only code (cloudflare:, Durable Objects) in src/workers/', () => {
    const offenders = files.flatMap((f) => f.specs.filter((s) => s.startsWith('cloudflare:')).filter(() => !f.name.startsWith('workers/')).map((s) => `${f.name} → ${s}`));
    expect(offenders).toEqual([]);
    const durableObjects = files.filter((f) => /durable-object|rate-limit-object/.test(f.name)).map((f) => f.name);
    expect(durableObjects.length).toBeGreaterThan(0);
    expect(durableObjects.filter((name) => !name.startsWith('workers/'))).toEqual([]);
  });

  it('lets nothing outside src/http import it, except the entry points that serve the app', () => {
    const offenders = files.flatMap((f) =>
      f.local.filter((t) => t.startsWith('http/') && !f.name.startsWith('http/') && !ENTRIES.has(f.name)).map((t) => `${f.name} → ${t}`),
    );
    expect(offenders).toEqual([]);
  });

  it('lays the routes out by role: each resource a folder of contracts, handlers and wiring, shared pieces in one place', () => {
    const routeFiles = files.filter((f) => f.name.startsWith('http/routes/')).map((f) => f.name);
    const resources = [...new Set(routeFiles.map((name) => name.split('/')[2]))];
    expect(resources.length).toBeGreaterThanOrEqual(6);
    for (const resource of resources) {
      const own = routeFiles.filter((name) => name.startsWith(`http/routes/${resource}/`)).map((name) => name.split('/').pop()!);
      expect(own, resource).toContain(`${resource}.index.ts`);
      expect(own, resource).toContain(`${resource}.handlers.ts`);
      // Nothing else: a contract file, or a page a handler serves (the widget's demo, /docs).
      expect(own.filter((n) => !new RegExp(`^${resource}\\.(index|handlers|routes|page)\\.ts$`).test(n)), resource).toEqual([]);
    }
    // The pieces two resources share are declared once (src/http/openapi/), never in a resource's folder.
    const idParams = files.filter((f) => /\bidParam\s*=/.test(readFileSync(join(SRC, f.name), 'utf8'))).map((f) => f.name);
    expect(idParams).toEqual(['http/openapi/parts.ts']);
  });

  it("keeps the handlers thin: they call src/services (and the http layer's own pieces), never the layers below", () => {
    const offenders = files
      .filter((f) => /^http\/routes\/[^/]+\/[^/]+\.handlers\.ts$/.test(f.name))
      .flatMap((f) => {
        // Type-only imports describe data; they call nothing.
        const text = readFileSync(join(SRC, f.name), 'utf8').replace(/^import type .*$/gm, '');
        return specifiers(text)
          .map((spec) => resolveLocal(join(SRC, f.name), spec))
          .filter((t): t is string => t !== null && !/^(services|contract|http)\//.test(t))
          .map((t) => `${f.name} → ${t}`);
      });
    expect(offenders).toEqual([]);
  });

  it('keeps the services below http and the runtimes: services import neither', () => {
    const offenders = files
      .filter((f) => f.name.startsWith('services/'))
      .flatMap((f) => f.local.filter((t) => /^(http|node|workers)\//.test(t) || ENTRIES.has(t)).map((t) => `${f.name} → ${t}`));
    expect(offenders).toEqual([]);
  });

  it('keeps the domain at the bottom: src/domain imports only src/domain and src/contract', () => {
    const offenders = files
      .filter((f) => f.name.startsWith('domain/'))
      .flatMap((f) => f.local.filter((t) => !/^(domain|contract)\//.test(t)).map((t) => `${f.name} → ${t}`));
    expect(offenders).toEqual([]);
  });

  it('keeps each stage of the flow to its own: compose writes text (no rendering, no dialogue), render imports no composer', () => {
    const below = (room: string, allowed: RegExp) =>
      files.filter((f) => f.name.startsWith(`${room}/`)).flatMap((f) => f.local.filter((t) => !allowed.test(t)).map((t) => `${f.name} → ${t}`));
    expect(below('compose', /^(compose|domain|contract)\//)).toEqual([]);
    expect(below('render', /^(render|domain|contract)\//)).toEqual([]);
  });

  it('keeps src/contract free of dependencies: it imports nothing at all', () => {
    const contract = files.filter((f) => f.name.startsWith('contract/'));
    expect(contract.length).toBeGreaterThan(0);
    expect(contract.filter((f) => f.specs.length).map((f) => `${f.name} → ${f.specs.join(', ')}`)).toEqual([]);
  });

  it('gives the widget the dialogue shapes and names through src/contract, never from the server layers', () => {
    const offenders = files
      .filter((f) => f.name.startsWith('widget/'))
      .flatMap((f) => f.local.filter((t) => /^(dialogue|services|http|store|compose|node|workers)\//.test(t)).map((t) => `${f.name} → ${t}`));
    expect(offenders).toEqual([]);
  });

  it('keeps no copy of the contract in the widget: no shape of its own, no field label of its own', () => {
    const widget = files.filter((f) => f.name.startsWith('widget/')).map((f) => ({ name: f.name, text: readFileSync(join(SRC, f.name), 'utf8') }));
    const ownShapes = widget.flatMap((f) =>
      [...f.text.matchAll(/\b(?:interface|type)\s+(Reply|Turn|SessionPhase|SessionFacts|DraftView|DraftShape|OutlineShape|OutlineOperation|PartRef)\b\s*[{=<]/g)]
        .map((m) => `${f.name}: ${m[1]}`),
    );
    expect(ownShapes).toEqual([]);
    // A field paired with a label of its own (['period', '时间']) is a copy of src/contract/field-names.ts.
    const labelCopies = widget.flatMap((f) =>
      [...f.text.matchAll(/\[\s*'(title|org|period|leadership|guidance|theme|sections|goals|problems|nextSteps|schedule)'\s*,\s*'[^']*[\u4e00-\u9fff][^']*'\s*\]/g)].map((m) => `${f.name}: ${m[0]}`),
    );
    expect(labelCopies).toEqual([]);
  });

  it("type-checks as a whole (tsc), so the contract's shapes hold on the server and in the widget alike", { timeout: 180_000 }, () => {
    let output = '';
    try {
      execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '-p', join(ROOT, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  });

  it('reads the configuration only where it is parsed and at the entry points (no process.env elsewhere)', () => {
    const offenders = sourceFiles(SRC)
      .map((path) => ({ name: relative(SRC, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }))
      .filter((f) => /process\.env/.test(f.text.replace(/^\s*(\*|\/\/).*$/gm, '')) && !ENTRIES.has(f.name))
      .map((f) => f.name);
    expect(offenders).toEqual([]);
  });

  it('builds the model parts in one place (src/parts.ts): no other module makes a model client, composer or parser', () => {
    const makers = /\b(?:createModelClient|createLlmComposer|createModelAnswerParser|modelSettingsFrom)\(/;
    const offenders = sourceFiles(SRC)
      .map((path) => ({ name: relative(SRC, path).split('\\').join('/'), text: readFileSync(path, 'utf8').replace(/^\s*(\*|\/\/).*$/gm, '') }))
      .filter((f) => f.name !== 'parts.ts' && !/(^|\/)llm-[^/]*\.ts$/.test(f.name) && makers.test(f.text))
      .map((f) => f.name);
    expect(offenders).toEqual([]);
    expect(makers.test(readFileSync(join(SRC, 'parts.ts'), 'utf8'))).toBe(true);
  });

  it('has no import cycles between modules', () => {
    const graph = new Map(files.map((f) => [f.name, f.local.filter((t) => t !== f.name)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const walk = (node: string, path: string[]) => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'open') {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' → '));
        return;
      }
      state.set(node, 'open');
      for (const next of graph.get(node) ?? []) walk(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of graph.keys()) walk(node, []);
    expect(cycles).toEqual([]);
  });
});
