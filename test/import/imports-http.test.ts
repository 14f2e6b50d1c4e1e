/** POST /api/imports with a real .docx (generated with the docx package, Node only) and the OpenAPI description. */
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { createTestApp, json } from '../helpers/app.js';
import { fixture } from './fixtures.js';

const { app } = await createTestApp();

describe('POST /api/imports with a .docx', () => {
  it('imports a .docx upload like the same text sent as JSON', async () => {
    const raw = fixture('work-plan-mixed.txt');
    const doc = new Document({ sections: [{ children: raw.split('\n').map((line) => new Paragraph(line)) }] });
    const form = new FormData();
    form.append('file', new File([new Uint8Array(await Packer.toBuffer(doc))], '计划.docx'));
    const fromDocx = await app.request('/api/imports', { method: 'POST', body: form });
    expect(fromDocx.status).toBe(200);
    const fromText = await app.request('/api/imports', json({ text: raw }));
    const [a, b] = [await fromDocx.json(), await fromText.json()];
    expect(a.facts).toEqual(b.facts);
    expect(a.facts).toMatchObject({ type: 'work-plan', org: '松山区教育局' });
  });

  it('is described in the OpenAPI document with both body types', async () => {
    const spec = await (await app.request('/openapi.json')).json();
    const op = spec.paths['/api/imports'].post;
    expect(Object.keys(op.requestBody.content)).toEqual(['application/json', 'multipart/form-data']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '413', '415']));
  });
});
