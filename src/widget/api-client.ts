/** Talks to the server (CONTRACTS.md §3): JSON requests, the draft as server-sent events, file downloads. */
import type { DraftShape as DraftView, Turn } from '../contract/session-shapes.js';
import { readSse } from './sse-parse.js';

/** A failed call, with a message a person can read; `offline` when the server could not be reached at all. */
export class ApiFailure extends Error {
  constructor(message: string, readonly status: number, readonly code: string, readonly offline = false) {
    super(message);
  }
}

// The shapes the server answers with, declared once for both sides (src/contract/session-shapes.ts).
export type { DraftView };
export type { Reply, SessionPhase, Turn } from '../contract/session-shapes.js';

/** What POST /api/imports answers (the fields the widget shows). */
export interface ImportView {
  facts: { type: string; title?: string; org?: string; period?: string; sections: { topic: string; heading?: string; facts: string[] }[]; [key: string]: unknown };
  valid: boolean;
  warnings: { code: string; field?: string; message: string }[];
  reportType?: { type: string; confidence: number; unsure: boolean; alternative?: string };
  reports?: { index: number; title: string; type: string; areas: number; facts: number }[];
  /** For uploads: the file's text, to start the session with. */
  text?: string;
}

const OFFLINE = '无法连接服务器，请检查网络后点“重试”。已填写的内容不会丢失。';
/** The server refuses this page's site (ALLOWED_ORIGINS): said as a setting to fix, not a network fault to retry. */
const ORIGIN_REFUSED = '本网站未获准使用起草助手，请联系管理员把本站地址加入 ALLOWED_ORIGINS';

/** Reads a JSON error body into one message; anything else becomes a generic one with the status. */
async function failureOf(response: Response): Promise<ApiFailure> {
  try {
    const body = await response.json();
    if (body?.error?.code === 'origin_not_allowed') return new ApiFailure(ORIGIN_REFUSED, response.status, 'origin_not_allowed');
    if (body?.error?.message) return new ApiFailure(body.error.message, response.status, body.error.code ?? 'error');
  } catch {
    /* not JSON: fall through */
  }
  return new ApiFailure(`服务器暂时无法处理（${response.status}），请稍后重试`, response.status, 'http_error');
}

export type Api = ReturnType<typeof createApi>;

/**
 * The widget's calls, against one endpoint.
 * @example const api = createApi('https://host'); const turn = await api.startSession('annual-summary')
 */
export function createApi(endpoint: string) {
  const base = endpoint.replace(/\/+$/, '');
  let paths: Promise<Record<string, unknown>> | undefined;

  async function call(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(base + path, {
        method,
        headers: body === undefined ? { accept } : { accept, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
      });
    } catch {
      throw new ApiFailure(OFFLINE, 0, 'offline', true);
    }
    if (!response.ok) throw await failureOf(response);
    return response;
  }
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => (await call(method, path, body)).json() as Promise<T>;
  const sid = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;
  const did = (id: string) => `/api/drafts/${encodeURIComponent(id)}`;

  return {
    reportTypes: () => json<{ types: { id: string; name: string }[] }>('GET', '/api/report-types'),
    startSession: (type: string) => json<Turn & { id: string }>('POST', '/api/sessions', { type }),
    send: (id: string, text: string) => json<Turn>('POST', `${sid(id)}/messages`, { text }),
    getSession: (id: string) => json<Record<string, any>>('GET', sid(id)),
    startFromConsolidation: (facts: unknown) => json<Turn & { id: string }>('POST', '/api/sessions', { consolidation: facts }),
    setDerived: (id: string, accepted: number[]) => json<Record<string, any>>('PUT', `${sid(id)}/derived`, { accepted }),

    /** Several schools' reports uploaded at once, with the choices (unit, areas split or merged). */
    async consolidate(files: File[], fields: { org?: string; split?: string[]; merge?: string[] }): Promise<Record<string, any>> {
      const form = new FormData();
      for (const file of files) form.append('files', file);
      if (fields.org) form.append('org', fields.org);
      for (const key of fields.split ?? []) form.append('split', key);
      for (const group of fields.merge ?? []) form.append('merge', group);
      let response: Response;
      try {
        response = await fetch(`${base}/api/consolidations`, { method: 'POST', body: form, headers: { accept: 'application/json' }, credentials: 'omit' });
      } catch {
        throw new ApiFailure(OFFLINE, 0, 'offline', true);
      }
      if (!response.ok) throw await failureOf(response);
      return response.json();
    },
    putOutline: (id: string, body: unknown) => json<Record<string, any>>('PUT', `${sid(id)}/outline`, body),
    getDraft: (id: string) => json<DraftView>('GET', did(id)),
    saveDraft: (id: string, markdown: string) => json<DraftView>('PUT', did(id), { markdown }),
    rewrite: (id: string, n: number, instruction: string) => json<DraftView>('POST', `${did(id)}/sections/${n}/rewrite`, { instruction }),
    proofread: (id: string, version: number) =>
      json<{ version: number; issues: Array<{ start: number; end: number; kind: string; message: string; suggestion?: string }> }>('POST', `${did(id)}/proofread?version=${version}`, {}),
    /** Imports pasted text (POST /api/imports): what was recognised, before any session. */
    importText: (text: string, report?: number) => json<ImportView>('POST', '/api/imports', { text, ...(report ? { report } : {}) }),
    /** A session that starts from an old report's text: the interview asks only what changed. */
    startImport: (text: string, report?: number) => json<Turn & { id: string }>('POST', '/api/sessions', { import: text, ...(report ? { report } : {}) }),

    /** Uploads a .docx/.txt/.md file to POST /api/imports (multipart); the answer carries the file's text. */
    async importFile(file: File, report?: number): Promise<ImportView> {
      const form = new FormData();
      form.append('file', file);
      if (report) form.append('report', String(report));
      let response: Response;
      try {
        response = await fetch(`${base}/api/imports`, { method: 'POST', headers: { accept: 'application/json' }, body: form, credentials: 'omit' });
      } catch {
        throw new ApiFailure(OFFLINE, 0, 'offline', true);
      }
      if (!response.ok) throw await failureOf(response);
      return response.json() as Promise<ImportView>;
    },

    /** Streams a session's draft; each event is handed over parsed, the final `done` view is returned. */
    async draft(sessionId: string, onEvent: (event: string, data: any) => void): Promise<DraftView> {
      const response = await call('POST', `${sid(sessionId)}/draft`, {}, 'text/event-stream');
      if (!response.body || !/event-stream/.test(response.headers.get('content-type') ?? '')) {
        const view = (await response.json()) as DraftView;
        onEvent('done', view);
        return view;
      }
      let view: DraftView | null = null;
      try {
        for await (const message of readSse(response.body)) {
          const data = JSON.parse(message.data);
          if (message.event === 'error') throw new ApiFailure(data?.error?.message ?? '起草失败，请重试', 500, data?.error?.code ?? 'error');
          if (message.event === 'done') view = data;
          onEvent(message.event, data);
        }
      } catch (error) {
        if (error instanceof ApiFailure) throw error;
        throw new ApiFailure('连接中断，稿件没有完整收到，请重试', 0, 'offline', true);
      }
      if (!view) throw new ApiFailure('连接中断，稿件没有完整收到，请重试', 0, 'offline', true);
      return view;
    },

    /** Downloads an export as a file the browser saves. */
    async exportFile(id: string, format: string): Promise<{ blob: Blob; name: string }> {
      const response = await call('GET', `${did(id)}/export?format=${encodeURIComponent(format)}`, undefined, '*/*');
      const disposition = response.headers.get('content-disposition') ?? '';
      const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
      let name = `稿件.${format}`;
      try {
        if (match) name = decodeURIComponent(match[1]);
      } catch {
        /* keep the default name */
      }
      return { blob: await response.blob(), name };
    },

    /**
     * Whether the server has a route (the rewrite route may not exist yet), read from its OpenAPI document: fetched
     * once per page (and kept by the browser's cache, ETag), not once per draft view.
     */
    async hasRoute(path: string): Promise<boolean> {
      paths ??= fetch(`${base}/openapi.json`, { credentials: 'omit' })
        .then((response) => response.json())
        .then(
          (spec) => spec?.paths ?? {},
          () => {
            paths = undefined; // asked again next time: a passing network fault must not hide the route for good
            return {};
          },
        );
      return Boolean((await paths)[path]);
    },
  };
}
