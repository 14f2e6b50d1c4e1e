/**
 * Malformed requests for every route, generated from a seed so a failure reproduces: random JSON, wrong types,
 * huge strings, invalid UTF-8, deep nesting, __proto__/constructor keys, wrong content types, odd methods and
 * paths. Web APIs only: the same generator feeds the Node app, the real Node server and workerd.
 */
import { exampleFacts } from './sample-facts.js';

/** mulberry32: small, fast, and the same sequence for the same seed on every runtime. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** Live ids the generator mixes in, so requests also reach records that exist. */
export interface LiveIds {
  sessionId: string;
  draftId: string;
}

interface Route {
  method: string;
  path: string;
}

/** Every route of the app (CONTRACTS.md §3 and /openapi.json), plus the pages. */
export const ROUTES: Route[] = [
  { method: 'GET', path: '/api/report-types' },
  { method: 'GET', path: '/api/report-types/{type}/schema' },
  { method: 'POST', path: '/api/drafts' },
  { method: 'GET', path: '/api/drafts/{draft}' },
  { method: 'PUT', path: '/api/drafts/{draft}' },
  { method: 'GET', path: '/api/drafts/{draft}/export' },
  { method: 'POST', path: '/api/drafts/{draft}/sections/{n}/rewrite' },
  { method: 'POST', path: '/api/sessions' },
  { method: 'GET', path: '/api/sessions/{session}' },
  { method: 'DELETE', path: '/api/sessions/{session}' },
  { method: 'POST', path: '/api/sessions/{session}/messages' },
  { method: 'PUT', path: '/api/sessions/{session}/outline' },
  { method: 'POST', path: '/api/sessions/{session}/draft' },
  { method: 'PUT', path: '/api/sessions/{session}/derived' },
  { method: 'POST', path: '/api/imports' },
  { method: 'POST', path: '/api/proofread' },
  { method: 'POST', path: '/api/drafts/{draft}/proofread' },
  { method: 'POST', path: '/api/consolidations' },
  { method: 'GET', path: '/openapi.json' },
  { method: 'GET', path: '/docs' },
  { method: 'GET', path: '/widget.js' },
  { method: 'GET', path: '/' },
];

const UNKNOWN_ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const ODD_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND', 'PURGE', 'X-FUZZ'];
const KEYS = ['__proto__', 'constructor', 'prototype', 'type', 'org', 'period', 'sections', 'facts', 'topic', 'text', 'operations', 'op', 'target', 'part', 'child', 'to', 'targets', 'heading', 'markdown', 'instruction', 'import', 'report', 'signature', 'schedule', 'toString', 'valueOf', 'hasOwnProperty', ''];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=latin1',
  'APPLICATION/JSON',
  'text/plain',
  'text/event-stream',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=fuzz',
  'multipart/form-data; boundary=',
  'application/jsonx',
  'application/vnd.api+json',
  '*/*',
  '',
];
const SEGMENTS = ['', '.', '..', '%2e%2e', '__proto__', 'constructor', 'prototype', '%00', '%ff', '%E4%B8', '%', '%%', '%u0041', 'a'.repeat(23), 'AAAAAAAAAAAAAAAAAAAAAA', '报告', '%F0%9F%98%80', 'null', 'undefined', '-1', '0', '1e309', 'NaN', ';', ' ', '%20', '\\', '%5C..%5C'];

/** Lone surrogates out: encodeURIComponent refuses them (the bodies keep them). */
const wellFormed = (text: string) => text.replace(/[\ud800-\udfff]/g, '\ufffd');

export function generator(seed: number, live: LiveIds) {
  const rnd = seededRandom(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const chance = (p: number) => rnd() < p;

  function randomString(max = 40): string {
    const kind = int(6);
    const length = int(max);
    if (kind === 0) return 'x'.repeat(length);
    if (kind === 1) return Array.from({ length }, () => String.fromCharCode(0x4e00 + int(0x5000))).join('');
    if (kind === 2) return Array.from({ length }, () => String.fromCharCode(int(0x10000))).join(''); // lone surrogates, controls
    if (kind === 3) return pick(['【待补充：】', '<script>alert(1)</script>', '${x}', '{{org}}', '../../etc/passwd', '\u0000', '\u202e', '１２８名', '2338.2万元', '97.1%', '跳过', '完成', '上一步', '重新开始', '删除第一部分', '确认']);
    if (kind === 4) return String(rnd() * 10 ** int(20));
    return Array.from({ length }, () => String.fromCharCode(32 + int(95))).join('');
  }

  function randomJson(depth = 0): unknown {
    const kind = depth > 4 ? int(5) : int(8);
    if (kind === 0) return null;
    if (kind === 1) return chance(0.5);
    if (kind === 2) return pick([0, -0, 1, -1, 1.5, 2 ** 53 + 1, 1e308, -1e308, 5e-324, 200, 201, 999999]);
    if (kind === 3 || kind === 4) return randomString();
    if (kind === 5) return Array.from({ length: int(5) }, () => randomJson(depth + 1));
    const object: Record<string, unknown> = {};
    for (let i = int(5); i > 0; i--) object[pick(KEYS)] = randomJson(depth + 1);
    return object;
  }

  /** JSON text with `__proto__` as a real own key (JSON.stringify of an object literal can't make one). */
  const protoJson = () =>
    pick([
      '{"__proto__":{"polluted":"yes","isAdmin":true}}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      '{"type":"annual-summary","__proto__":{"polluted":"yes"},"org":"x","period":"2025年","sections":[{"topic":"a","facts":["b"],"__proto__":{"polluted":"yes"}}]}',
      '{"text":"你好","__proto__":{"text":"polluted"}}',
      '{"operations":[{"op":"rename","target":{"part":1,"__proto__":{"polluted":"yes"}},"heading":"x"}]}',
      '{"markdown":"# x","constructor":{"prototype":{"polluted":"yes"}}}',
    ]);

  /** A valid request with one part broken: reaches deeper than pure noise does. */
  function nearlyValid(path: string): unknown {
    if (path.includes('/messages')) return { text: chance(0.5) ? randomString(200) : randomJson() };
    if (path.includes('/outline')) {
      const ref = () => (chance(0.7) ? { part: pick([0, 1, 2, 3, 99, -1, 1.5, '1', null]) } : randomJson());
      return { operations: Array.from({ length: int(4) }, () => ({ op: pick(['rename', 'move', 'merge', 'drop', 'explode', '']), target: ref(), to: ref(), targets: [ref(), ref()], heading: randomString(300) })) };
    }
    if (path.includes('/derived')) return { accepted: chance(0.6) ? [pick([1, 0, -1, 2.5, 99, '1', null])] : randomJson() };
    if (path.includes('/rewrite')) return { instruction: pick(['更简洁', '更详细', '更正式', randomString(300), 7, null]) };
    if (path.startsWith('/api/sessions')) return { type: pick(['annual-summary', 'work-plan', '__proto__', 'constructor', randomString(), 1]), import: chance(0.3) ? randomString(500) : undefined };
    if (path.startsWith('/api/consolidations')) {
      const report = () => (chance(0.7) ? { name: `${randomString(8)}.txt`, text: `某校2025年工作总结\n一、${randomString(20)}\n${randomString(300)}` } : randomJson());
      return { reports: Array.from({ length: int(5) }, report), org: pick(['某县教育局', randomString(300), 1, null]), split: chance(0.3) ? [randomString()] : randomJson(), merge: chance(0.3) ? [[randomString(), randomString()]] : undefined };
    }
    if (path.startsWith('/api/imports')) return { text: chance(0.6) ? `某区教育局2025年工作总结\n一、${randomString(20)}\n${randomString(400)}` : randomJson(), report: pick([1, 0, -1, '2', 1e9, null]) };
    if (/\/api\/drafts\/[^/]+$/.test(path)) return { markdown: chance(0.6) ? `# ${randomString()}\n\n## 一、${randomString()}\n\n${randomString(500)}\n` : randomJson() };
    const facts = exampleFacts();
    const field = pick(['type', 'org', 'period', 'sections', 'title', 'guidance', 'problems', 'schedule', 'signature', 'goals', 'derived']);
    facts[field] = chance(0.3) ? randomString(5000) : randomJson();
    if (chance(0.2)) facts.sections = Array.from({ length: 70 }, () => ({ topic: randomString(10) || 'x', facts: ['发展党员23名'] }));
    return facts;
  }

  function deepNesting(): string {
    const depth = pick([100, 1000, 10_000, 50_000]);
    return pick([
      () => '['.repeat(depth) + ']'.repeat(depth),
      () => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
      () => `{"text":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      () => '['.repeat(depth), // unclosed
    ])();
  }

  function invalidUtf8(): Uint8Array {
    const prefix = new TextEncoder().encode(pick(['{"text":"', '{"type":"', '{"markdown":"# ', '{"instruction":"', '']));
    const bad = pick([[0xff, 0xfe], [0xc3, 0x28], [0xe2, 0x82], [0xf0, 0x28, 0x8c, 0xbc], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x80]]);
    const suffix = new TextEncoder().encode(pick(['"}', '', '"', '"}garbage']));
    return new Uint8Array([...prefix, ...bad, ...Array.from({ length: int(50) }, () => int(256)), ...suffix]);
  }

  function multipart(): string {
    const boundary = 'fuzz';
    const part = pick([
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${pick(['a.docx', 'a.txt', 'a.exe', '../../x.md', '报告.md', ''])}"\r\nContent-Type: application/octet-stream\r\n\r\n${randomString(300)}\r\n--${boundary}--\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="report"\r\n\r\n${randomString(5)}\r\n--${boundary}--\r\n`,
      `--${boundary}\r\nbroken`,
      `--${boundary}\r\nContent-Disposition: form-data; name="__proto__"\r\n\r\n{"polluted":"yes"}\r\n--${boundary}--\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.docx"\r\n\r\nPK\u0003\u0004${randomString(200)}\r\n--${boundary}--\r\n`,
    ]);
    return part;
  }

  function body(path: string): { body?: string | Uint8Array; type?: string } {
    const kind = int(12);
    if (kind === 0) return {};
    if (kind === 1) return { body: JSON.stringify(randomJson()), type: 'application/json' };
    if (kind === 2 || kind === 3) return { body: JSON.stringify(nearlyValid(path)), type: 'application/json' };
    if (kind === 4) return { body: protoJson(), type: 'application/json' };
    if (kind === 5) return { body: deepNesting(), type: 'application/json' };
    if (kind === 6) return { body: invalidUtf8(), type: 'application/json' };
    if (kind === 7) return { body: `{"text":"${'字'.repeat(pick([1000, 30_000, 90_000, 100_000]))}"}`, type: 'application/json' };
    if (kind === 8) return { body: multipart(), type: 'multipart/form-data; boundary=fuzz' };
    if (kind === 9) return { body: pick(['', 'null', '[]', '1', '"x"', '{', '{"a":1,}', '\ufeff{"type":"annual-summary"}', 'undefined', '{"text":"\\ud800"}', '{"text":"\\u0000"}', '{"a":1}{"b":2}', 'NaN']), type: 'application/json' };
    if (kind === 10) return { body: JSON.stringify(nearlyValid(path)), type: pick(CONTENT_TYPES) };
    return { body: randomString(2000), type: pick(CONTENT_TYPES) };
  }

  function fillPath(template: string): string {
    const session = () => (chance(0.5) ? live.sessionId : chance(0.5) ? pick(SEGMENTS) : encodeURIComponent(wellFormed(randomString(30))));
    const draft = () => (chance(0.5) ? live.draftId : chance(0.5) ? pick(SEGMENTS) : encodeURIComponent(wellFormed(randomString(30))));
    let path = template
      .replace('{session}', template.endsWith('{session}') && chance(0.5) ? pick(SEGMENTS) : session())
      .replace('{draft}', draft())
      .replace('{type}', pick(['annual-summary', 'work-plan', '__proto__', 'constructor', pick(SEGMENTS), 'x'.repeat(3000)]))
      .replace('{n}', pick(['1', '2', '0', '-1', '99999999999999999999', '1.5', 'abc', '%00', '__proto__']));
    if (chance(0.3)) {
      const key = pick(['format', 'version', 'type', '__proto__', 'constructor[prototype][polluted]', '__proto__[polluted]', 'report']);
      const value = pick(['md', 'docx', 'html', 'txt', 'pdf', '-1', '0', '1', '2', '1e309', 'NaN', '%ff', '%00', encodeURIComponent(wellFormed(randomString(20))), 'x'.repeat(5000)]);
      path += `?${key}=${value}${chance(0.3) ? `&${key}=${value}` : ''}`;
    }
    if (chance(0.05)) path = path.replace(/\/$/, '') + pick(['/', '//', '/extra', '/..', '%2F']);
    return path;
  }

  /** The next request: a real route, sometimes with an odd method; every body and header shape above. */
  return function next(): FuzzRequest {
    const route = pick(ROUTES);
    const method = chance(0.15) ? pick(ODD_METHODS) : route.method;
    // Deleting the live session would leave nothing live for later requests to reach.
    const path = method === 'DELETE' ? fillPath(route.path).split(live.sessionId).join(UNKNOWN_ID) : fillPath(route.path);
    const headers: Record<string, string> = {};
    const { body: payload, type } = method === 'GET' || method === 'HEAD' ? {} : body(path);
    if (type !== undefined && type !== '' && !chance(0.05)) headers['content-type'] = type;
    if (chance(0.2)) headers.accept = pick(['text/event-stream', 'application/json', '*/*', 'text/html', 'x/y']);
    if (chance(0.1)) headers.authorization = pick(['Bearer', 'Bearer ', 'Basic abc', `Bearer ${'k'.repeat(1000)}`, 'bearer x y']);
    return { method, path, headers, body: payload };
  };
}

/** Throws if anything reached a shared prototype (run after a batch). */
export function assertNoPollution(): void {
  const clean = ({} as Record<string, unknown>);
  for (const [name, proto] of [['Object', Object.prototype], ['Array', Array.prototype], ['Function', Function.prototype]] as const) {
    const added = Object.getOwnPropertyNames(proto).filter((k) => !BASELINE[name].has(k));
    if (added.length) throw new Error(`${name}.prototype polluted: ${added.join(', ')}`);
  }
  if (clean.polluted !== undefined || clean.isAdmin !== undefined) throw new Error('Object.prototype polluted');
}

const BASELINE = {
  Object: new Set(Object.getOwnPropertyNames(Object.prototype)),
  Array: new Set(Object.getOwnPropertyNames(Array.prototype)),
  Function: new Set(Object.getOwnPropertyNames(Function.prototype)),
};

/** A Request's init from a generated request. */
export function toInit(request: FuzzRequest): RequestInit {
  const withBody = request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
  return { method: request.method, headers: request.headers, ...(withBody ? { body: request.body as BodyInit } : {}) };
}
