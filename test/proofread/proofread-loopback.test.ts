/** The proofread HTTP suite against the Node app served by @hono/node-server on 127.0.0.1 (real HTTP, loopback). */
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, describe } from 'vitest';
import { createTestApp } from '../helpers/app.js';
import { freePort } from '../helpers/node-process.js';
import { proofreadSuite } from '../http/suites/proofread.suite.js';

const { app } = await createTestApp();
const port = await freePort();
const server: ServerType = await new Promise((resolve) => {
  const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('proofread over loopback HTTP (Node)', () => {
  proofreadSuite((path, init) => fetch(`http://127.0.0.1:${port}${path}`, init));
});
