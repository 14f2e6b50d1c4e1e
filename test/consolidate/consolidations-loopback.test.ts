/** POST /api/consolidations on the real Node server over 127.0.0.1: .docx uploads (made with the docx package) and JSON, then a draft of the result. */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killServer, startServer, type RunningServer } from '../helpers/node-process.js';

const set = new URL('../fixtures/consolidate/party-and-teaching/', import.meta.url);
const names = readdirSync(set).filter((f) => f !== 'expected.json');
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ DATA_FILE: join(mkdtempSync(join(tmpdir(), 'consolidate-')), 'db.json') });
});
afterAll(async () => {
  if (server) await killServer(server.child);
});

const docx = async (text: string) =>
  new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: text.split('\n').map((l) => new Paragraph(l)) }] })));

describe('POST /api/consolidations over loopback', { timeout: 60_000 }, () => {
  it('compiles five .docx uploads like the same texts sent as JSON, and drafts from the result', async () => {
    const texts = names.map((n) => ({ name: n, text: readFileSync(new URL(n, set), 'utf8') }));
    const form = new FormData();
    for (const t of texts) form.append('files', new File([await docx(t.text)], t.name.replace(/\.txt$/, '.docx')));
    form.append('org', '某某县教育局');
    const res = await fetch(`${server.origin}/api/consolidations`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const fromDocx = await res.json();
    const fromJson = await (
      await fetch(`${server.origin}/api/consolidations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reports: texts, org: '某某县教育局' }) })
    ).json();
    expect(fromDocx.facts).toEqual(fromJson.facts);
    const party = fromDocx.facts.sections.find((s: { topic: string }) => s.topic === '党的建设');
    expect(party.facts).toHaveLength(5);

    // Accept the 教研活动 sum and draft: it is stated, computed in figures.derived, and nothing is invented.
    const facts = { ...fromDocx.facts, derived: fromDocx.facts.derived.map((d: { value: string }) => ({ ...d, accepted: d.value === '108次' })) };
    const draft = await fetch(`${server.origin}/api/drafts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(facts) });
    expect(draft.status).toBe(201);
    const body = await draft.json();
    expect(body.markdown).toContain('合计108次');
    expect(body.figures.invented).toEqual([]);
    expect(body.figures.derived.find((d: { value: string }) => d.value === '108次')).toMatchObject({ ok: true, accepted: true, formula: expect.stringContaining('= 108次') });
  });

  it('answers 413 in Chinese for uploads declared over the total, before reading them', async () => {
    // Only the headers are sent: the answer must come from the declared length, without the 21 MiB arriving.
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${server.origin}/api/consolidations`, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(21 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode!, body: text });
          req.destroy();
        });
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error.message).toContain('20 MiB');
  });
});
