/** Configuration (CONTRACTS.md §4), parsed once from the environment by one zod schema on both runtimes. */
import { z } from 'zod';

const list = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean));

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).optional().transform((v) => v ?? fallback);

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

const flag = (name: string) =>
  z
    .enum(['true', 'false', '1', '0'], { error: `${name} 应为 true 或 false` })
    .optional()
    .transform((v) => v !== 'false' && v !== '0');

export const configSchema = z.object({
  PORT: int(8787, 1, 65535),
  /** Node: the address to listen on; 0.0.0.0 or :: for every address (then names need ALLOWED_HOSTS). */
  HOST: optionalText.transform((v) => v ?? '127.0.0.1'),
  DATA_FILE: optionalText.transform((v) => v ?? 'data/db.json'),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(z.url({ error: 'OPENAI_BASE_URL 应为完整的网址，例如 http://127.0.0.1:11434/v1' }).optional()),
  OPENAI_MODEL: optionalText.transform((v) => v ?? 'deepseek-chat'),
  /** Pieces (opening, parts, closing) written at once by the model. */
  LLM_CONCURRENCY: int(10, 1, 16),
  /** One model request, in milliseconds. */
  LLM_TIMEOUT_MS: int(60_000, 1_000, 600_000),
  /** A whole draft, in milliseconds. */
  LLM_TOTAL_TIMEOUT_MS: int(300_000, 1_000, 3_600_000),
  /** A streamed part's first chunk (reasoning counts), in milliseconds; later, that part is written offline. */
  LLM_FIRST_TOKEN_TIMEOUT_MS: int(30_000, 1_000, 600_000),
  /** The longest pause inside a streamed part, in milliseconds. */
  LLM_STALL_TIMEOUT_MS: int(20_000, 1_000, 600_000),
  /** `false` for providers that cannot stream: each part is asked for a whole answer. */
  LLM_STREAM: flag('LLM_STREAM'),
  /** The most `max_tokens` a piece asks for (each is sized to its facts); 0: never sent. */
  LLM_MAX_TOKENS: int(2048, 0, 200_000),
  /** Added to every piece's `max_tokens` for a thinking model's reasoning (DeepSeek-R1, Qwen3 thinking). */
  LLM_REASONING_TOKENS: int(0, 0, 200_000),
  API_KEYS: list,
  ALLOWED_ORIGINS: list,
  /** Requests per minute from one client (an address) without a key: the widget's people. */
  RATE_LIMIT_PER_MINUTE: int(120, 1, 1_000_000),
  /** Requests per minute with one API key: a tool may draft in batches. */
  KEY_RATE_LIMIT_PER_MINUTE: int(600, 1, 1_000_000),
  /** Sessions (and the drafts made from them) unused this long are removed. */
  SESSION_TTL_DAYS: int(30, 1, 3650),
  /** Tool drafts (made without a session) not changed this long are removed; a session's drafts go with it. */
  DRAFT_RETENTION_DAYS: int(30, 1, 3650),
  /** Node: the cap on the stored records (their JSON), in MiB; at the cap new writes answer 507 and reads go on. */
  DATA_MAX_MB: int(200, 1, 100_000),
  /**
   * Node: host names this server answers to besides loopback names and IP addresses (DNS rebinding); `.example.cn`
   * also allows its subdomains.
   */
  ALLOWED_HOSTS: list,
  /** The address people open, e.g. https://gongwen.example.edu.cn; its host is allowed like ALLOWED_HOSTS. */
  PUBLIC_ORIGIN: optionalText.pipe(z.url({ error: 'PUBLIC_ORIGIN 应为完整的网址，例如 https://gongwen.example.edu.cn' }).optional()),
  /** Node behind a reverse proxy: the header it sets to the client's address (e.g. X-Real-IP); unset: the socket's address. */
  CLIENT_IP_HEADER: optionalText,
  /** Workers: `0` drops the one log line per request (the tests' default); errors are logged all the same. Any other value: on. */
  LOG_REQUESTS: optionalText.transform((v) => v !== '0'),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/**
 * Parses the environment; a wrong value stops start-up with a list a person can act on.
 * @example const config = parseConfig(process.env)
 */
export function parseConfig(env: Record<string, unknown>): Config {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (typeof value === 'string' || typeof value === 'number') picked[key] = String(value);
  }
  const parsed = configSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`配置有误：\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** How long records are kept, in days: what the stores' retention needs. */
export interface RetentionSettings {
  sessionDays: number;
  draftDays: number;
}

/**
 * The retention settings for a Durable Object, which the runtime builds from its env: a bad var elsewhere must not
 * stop retention, so a configuration that does not parse keeps the defaults.
 * @example retentionSettings(env).sessionDays // 30
 */
export function retentionSettings(env: Record<string, unknown>): RetentionSettings {
  let config: Config;
  try {
    config = parseConfig(env);
  } catch {
    config = parseConfig({});
  }
  return { sessionDays: config.SESSION_TTL_DAYS, draftDays: config.DRAFT_RETENTION_DAYS };
}
