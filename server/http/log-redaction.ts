import type { Logger } from 'pino';

/**
 * Log paths whose values never reach a log line: credentials in request headers, cookies both ways, and
 * any `token` or `password` field up to three levels deep (pino wildcards match one level each).
 */
export const redactedLogPaths: readonly string[] = Object.freeze([
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'token', 'password', 'tokenHash',
  '*.token', '*.password', '*.tokenHash',
  '*.*.token', '*.*.password', '*.*.tokenHash',
]);

/**
 * A child of `log` that censors every redacted path, whatever the parent was built with (a caller's own
 * logger included), so no credential reaches a line written through it.
 */
export function redactingLogger(log: Logger): Logger {
  return log.child({}, { redact: { paths: [...redactedLogPaths], censor: '[Redacted]' } });
}
