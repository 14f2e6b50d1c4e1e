/** The parts of the test runtime's modules these tests use (the full typings clash with the DOM lib). */
declare module 'cloudflare:test' {
  import type { DurableObjectNamespace, DurableObjectState, DurableObjectStub } from '@cloudflare/workers-types';
  export const env: { STORE: DurableObjectNamespace; RATE_LIMITS: DurableObjectNamespace } & Record<string, unknown>;
  export const SELF: { fetch(input: string | Request, init?: RequestInit): Promise<Response> };
  export function runInDurableObject<R>(stub: DurableObjectStub, callback: (instance: any, state: DurableObjectState) => R | Promise<R>): Promise<R>;
  export function abortAllDurableObjects(): Promise<void>;
  export function runDurableObjectAlarm(stub: DurableObjectStub): Promise<boolean>;
  export function listDurableObjectIds(namespace: DurableObjectNamespace): Promise<Array<{ toString(): string }>>;
}
