/**
 * Refuses requests whose Host is not one this server answers to, against DNS rebinding (as Vite and
 * webpack-dev-server do): a page on rebind.evil.example that resolves to this server would otherwise be "same
 * origin". Allowed: IP addresses (a rebinding needs a name), localhost and *.localhost, the bound address,
 * PUBLIC_ORIGIN's host and ALLOWED_HOSTS. Tools are unaffected as long as they dial one of these.
 */
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../../config.js';
import { ApiError } from '../errors.js';

/** The host name of a Host header, without the port, lower case; IPv6 keeps its brackets. */
export function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1);
  return trimmed.replace(/:\d*$/, '').replace(/\.$/, '');
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^\[[0-9a-f:.]+(?:%[0-9a-z._~-]+)?\]$/;

/**
 * Whether a host name is one the server answers to; `allowed` entries are names, or `.name` for it and its subdomains.
 * @example hostAllowed('rebind.evil.example', ['gongwen.example.cn']) // false
 */
export function hostAllowed(name: string, allowed: readonly string[]): boolean {
  if (IPV4.test(name) || IPV6.test(name)) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return allowed.some((entry) => (entry.startsWith('.') ? name === entry.slice(1) || name.endsWith(entry) : name === entry));
}

/** The configured names: ALLOWED_HOSTS, PUBLIC_ORIGIN's host, and the bound address when it is a name. */
export function allowedHostNames(config: Config, serverHost: string): string[] {
  const names = config.ALLOWED_HOSTS.map((entry) => (entry.startsWith('.') ? `.${hostName(entry.slice(1))}` : hostName(entry)));
  if (config.PUBLIC_ORIGIN) names.push(hostName(new URL(config.PUBLIC_ORIGIN).host));
  if (serverHost && !['0.0.0.0', '::', '[::]'].includes(serverHost)) names.push(hostName(serverHost));
  return names;
}

/**
 * @example app.use('*', hostCheck(allowedHostNames(config, '127.0.0.1')))
 */
export function hostCheck(allowed: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    // HTTP/1.1 requires Host; without one (HTTP/1.0 tools) the URL's host stands in, as the server itself built it.
    const name = hostName(c.req.header('host') ?? new URL(c.req.url).host);
    if (!hostAllowed(name, allowed)) {
      throw new ApiError(
        403,
        'host_not_allowed',
        `不接受这个访问地址（主机名 ${name.slice(0, 80)}）：请用服务器的 IP 地址或 localhost 访问；要用域名访问，请管理员把它加入 ALLOWED_HOSTS 或设置 PUBLIC_ORIGIN。`,
      );
    }
    await next();
  };
}
