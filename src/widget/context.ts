/** What every view of one widget shares: the API, the report type, the remembered session, and how to speak up. */
import type { Api } from './api-client.js';
import type { sessionMemory } from './session-memory.js';

export type ViewName = 'chat' | 'review' | 'draft';

export interface WidgetContext {
  api: Api;
  type: string;
  memory: ReturnType<typeof sessionMemory>;
  /** Announces a short status to screen readers (polite). */
  announce(text: string): void;
}
