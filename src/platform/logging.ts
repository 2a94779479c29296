import type { FastifyServerOptions } from 'fastify';

/**
 * What a database error says about the data it failed on: the query's parameters, PostgreSQL's
 * DETAIL ("Failing row contains (...)", "Key (email)=(...) already exists"), its context and the
 * query text. Names, emails and addresses, so they never reach a log (issue 11 §8).
 */
const DATA_BEARING_FIELDS = new Set(['params', 'detail', 'where', 'query', 'internalQuery', 'internalPosition', 'hint']);

/** A PostgreSQL message may quote the value it refused (`invalid input syntax for type uuid: "..."`). */
export function redactDbMessage(message: string): string {
  return message.replace(/: ".*"$/s, ': [redacted]').replace(/(value|key) "(?:[^"\\]|\\.)*"/g, '$1 [redacted]');
}

const isDbError = (e: Record<string, unknown>): boolean => typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && 'severity' in e;

interface SerializedError {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
}

/** pino's error shape (type, message, stack, own fields), minus what a database error carries of the data. */
export function serializeError(err: Error, depth = 0): SerializedError {
  const fields = err as unknown as Record<string, unknown>;
  const db = isDbError(fields);
  const message = db ? redactDbMessage(err.message) : err.message;
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const out: SerializedError = { type: err.constructor.name, message, stack: [`${err.name}: ${message}`, ...frames].join('\n') };
  const nested = (value: unknown): unknown => (value instanceof Error && depth < 3 ? serializeError(value, depth + 1) : value);
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'message' || key === 'stack' || (db && DATA_BEARING_FIELDS.has(key))) continue;
    out[key] = key === 'cause' ? nested(value) : value;
  }
  // `*.code` is redacted below (two-factor codes); the SQLSTATE is worth keeping, under its own name.
  if (db) out.sqlState = fields.code;
  if (err.cause !== undefined && !('cause' in out)) out.cause = nested(err.cause);
  return out;
}

/**
 * Structured JSON logs without personal data or secrets: no cookies, no bodies, no query strings
 * (a search's terms are personal data), no IP addresses (the audit trail keeps those, under control).
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        '*.password',
        '*.code',
        '*.token',
        '*.secret',
      ],
      censor: '[redacted]',
    },
    serializers: {
      err: serializeError,
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0], requestId: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
