/**
 * The same bounds on both runtimes: JSON text decoded by its charset (GB18030 stored as real characters), lone
 * surrogates refused naming the field, a .docx zip bomb (built here with jszip, headers lying) answered 413, and a
 * draft's id not handing over its session.
 */
import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { postJson, type Fetcher } from './harness.js';

/** `{"text":"我们是青河区教育局，写2025年的总结"}` in GB18030, as `iconv -f UTF-8 -t GB18030` encodes it. */
const GB18030_ANSWER = '7b2274657874223a22ced2c3c7cac7c7e0bad3c7f8bdccd3fdbed6a3acd0b432303235c4eab5c4d7dcbde1227d';
const hexBytes = (hex: string) => new Uint8Array(hex.match(/../g)!.map((pair) => Number.parseInt(pair, 16)));

/** A .docx whose document.xml inflates to 17 MiB while its headers claim 2 KiB. */
async function lyingBomb(): Promise<Uint8Array<ArrayBuffer>> {
  const zip = new JSZip();
  zip.file('word/document.xml', `<w:document><w:body><w:p><w:r><w:t>${'零'.repeat(6 * 1024 * 1024)}</w:t></w:r></w:p></w:body></w:document>`);
  const bytes = new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } }));
  const view = new DataView(bytes.buffer);
  for (let i = 0; i + 30 <= bytes.length; i++) {
    if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, 2048, true);
    if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 2048, true);
  }
  return bytes;
}

export function textLimitsSuite(fetcher: Fetcher) {
  const newSession = async () => (await (await postJson(fetcher, '/api/sessions', { type: 'annual-summary' })).json()).id as string;

  it('stores the real characters of a GB18030 answer labelled charset=gb18030, and refuses it unlabelled', async () => {
    const id = await newSession();
    const unlabelled = await fetcher(`/api/sessions/${id}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: hexBytes(GB18030_ANSWER) });
    expect(unlabelled.status).toBe(400);
    const refusal = await unlabelled.json();
    expect(refusal.error.code).toBe('invalid_encoding');
    expect(refusal.error.issues[0].path).toBe('text');
    const labelled = await fetcher(`/api/sessions/${id}/messages`, { method: 'POST', headers: { 'content-type': 'application/json; charset=GB18030' }, body: hexBytes(GB18030_ANSWER) });
    expect(labelled.status).toBe(200);
    expect((await labelled.json()).facts.org).toBe('青河区教育局');
  });

  it('refuses a lone surrogate with 400 naming the field', async () => {
    const id = await newSession();
    const response = await fetcher(`/api/sessions/${id}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"青河区\\ud800教育局"}' });
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe('invalid_encoding');
    expect(error.message).toMatch(/^请求内容有误：text：/);
  });

  it('answers 413 for a .docx zip bomb whose headers lie', async () => {
    const form = new FormData();
    form.append('file', new File([await lyingBomb()], '总结.docx'));
    const response = await fetcher('/api/imports', { method: 'POST', body: form });
    expect(response.status).toBe(413);
    const { error } = await response.json();
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toMatch(/解压后.*超过/);
  }, 30_000);

  it('does not reveal the session id from GET /api/drafts/:id', async () => {
    const id = await newSession();
    await postJson(fetcher, `/api/sessions/${id}/messages`, { text: '我们是青河区教育局，写2025年的总结' });
    await postJson(fetcher, `/api/sessions/${id}/messages`, { text: '完成' });
    const drafted = await (await postJson(fetcher, `/api/sessions/${id}/draft`, {})).json();
    expect(drafted.sessionId).toBe(id);
    const read = await fetcher(`/api/drafts/${drafted.id}`);
    expect(read.status).toBe(200);
    expect(await read.text()).not.toContain(id);
  });
}
