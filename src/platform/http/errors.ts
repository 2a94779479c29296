import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit, type Actor } from '../audit.js';
import type { Db } from '../db.js';
import { AppError, type FieldError } from '../errors.js';

const isApi = (request: FastifyRequest): boolean => request.url.startsWith('/api/');

/** Fastify's own client errors (bad JSON, too large, wrong media type) in words for people. */
function fromFastifyError(error: FastifyError): AppError {
  const status = error.statusCode ?? 500;
  if (error.validation) {
    const fieldErrors: FieldError[] = error.validation.map((v) => {
      const missing = (v.params as { missingProperty?: string }).missingProperty;
      const field = missing ?? (v.instancePath.replace(/^\//, '').replace(/\//g, '.') || error.validationContext || 'body');
      return { field, rule: v.keyword, message: `${field} ${v.message ?? 'is not valid'}` };
    });
    return new AppError(400, 'validation_failed', 'There is a problem', fieldErrors.map((e) => e.message).join('; '), fieldErrors);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'body_too_large', 'Request too large', 'The data sent is larger than this service accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(
        415,
        'unsupported_media_type',
        'Unsupported media type',
        'The request body is of a type this service does not accept',
      );
    case 'FST_CSRF_MISSING_SECRET':
    case 'FST_CSRF_INVALID_TOKEN':
      return new AppError(
        403,
        'csrf',
        'Your form could not be accepted',
        'The form was missing its security token or it had expired. Go back, reload the page and try again.',
      );
    default:
      break;
  }
  // PostgreSQL's "invalid byte sequence" (a NUL that got past the request guard, say in a header):
  // the input's fault, not the service's.
  if ((error as { code?: string }).code === '22021') {
    return new AppError(
      400,
      'invalid_character',
      'There is a problem',
      'The request contains a character this service cannot store (a NUL byte)',
    );
  }
  // A multipart body with no boundary, or cut short: busboy and @fastify/multipart throw plain errors
  // (a body that ends inside a part ends its stream early: Node's "Premature close").
  const cutShort = (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE';
  if ((cutShort || /multipart|boundary/i.test(error.message)) && (status === 500 || (status >= 400 && status < 500))) {
    return new AppError(
      400,
      'malformed_multipart',
      'There is a problem',
      'The form upload is malformed: send multipart/form-data with its boundary',
    );
  }
  if (status === 400 && /JSON/i.test(error.message)) {
    return new AppError(400, 'malformed_json', 'Malformed JSON', 'The request body is not valid JSON');
  }
  if (status >= 400 && status < 500) return new AppError(status, 'bad_request', 'There is a problem', error.message);
  return new AppError(500, 'internal', 'Sorry, there is a problem with the service', 'Something went wrong. Try again later.');
}

const PAGE_TEMPLATES: Record<number, string> = {
  401: 'platform/views/errors/generic.njk',
  403: 'platform/views/errors/403.njk',
  404: 'platform/views/errors/404.njk',
  500: 'platform/views/errors/500.njk',
};

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  return reply
    .code(error.status)
    .type('application/problem+json')
    .send({
      ...error.details,
      type: `about:blank#${error.code}`,
      title: error.title,
      status: error.status,
      detail: error.message,
      instance: request.url.split('?')[0],
      requestId: request.id,
      ...(error.fieldErrors.length > 0 ? { errors: error.fieldErrors } : {}),
    });
}

export function handleError(this: unknown, raw: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const error = raw instanceof AppError ? raw : fromFastifyError(raw);
  if (error.status >= 500) request.log.error({ err: raw }, 'request failed');
  else request.log.info({ code: error.code, status: error.status }, 'request refused');
  if (isApi(request) || !request.context) return sendProblem(request, reply, error);
  const template = PAGE_TEMPLATES[error.status] ?? 'platform/views/errors/generic.njk';
  // Every error page quotes the request id as its support reference: the id the log lines carry.
  return reply.code(error.status).render(template, { pageTitle: error.title, error, requestId: request.id });
}

/** Refusals already written to the audit trail where they were decided (the role check). */
const auditedRefusals = new WeakSet<AppError>();

export function markAudited(error: AppError): AppError {
  auditedRefusals.add(error);
  return error;
}

/**
 * The error handler, auditing every refusal (403) not audited where it was decided: the refusal
 * page says "This attempt has been recorded", so a service's refusal (a referral of another
 * organisation, an assessment outside the team) is recorded as the role check's are, with the
 * request's actor. In a transaction of its own: the request's own transaction has rolled back.
 */
export function makeErrorHandler(auditDb: Db) {
  return async function handleErrorAudited(
    this: unknown,
    raw: FastifyError | AppError,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    const error = raw instanceof AppError ? raw : fromFastifyError(raw);
    if (error.status === 403 && !auditedRefusals.has(error) && request.context) {
      const user = request.auth?.user;
      const actor: Actor = user
        ? { userId: user.id, label: user.email, role: user.role, areaCode: user.areaCode }
        : { userId: null, label: 'anonymous', role: null, areaCode: null };
      try {
        await auditDb.transaction((tx) =>
          recordAudit(tx, actor, request.context, {
            action: 'access.denied',
            outcome: 'denied',
            details: { method: request.method, route: request.routeOptions.url, code: error.code, refusal: error.message },
          }),
        );
      } catch (auditError) {
        request.log.error({ err: auditError }, 'could not record a refusal in the audit trail');
      }
    }
    // The raw error, so the log keeps the cause and its stack, not the words the person is shown.
    return handleError.call(this, raw, request, reply);
  };
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return handleError(
    new AppError(404, 'not_found', 'Page not found', 'If you typed the web address, check it is correct.'),
    request,
    reply,
  );
}
