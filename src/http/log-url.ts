/**
 * The request URL as it may appear in logs: query strings (reset and verification tokens,
 * `_csrf`) are dropped and the token of an invitation link is masked.
 */
export function urlForLogs(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const masked = path.replace(/^\/invitations\/[^/]+$/, '/invitations/[redacted]');
  return query === undefined ? masked : `${masked}?[redacted]`;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's request log line, with the URL made safe. */
export function requestSerializer(req: LoggedRequest) {
  return {
    method: req.method,
    url: urlForLogs(req.url ?? ''),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
