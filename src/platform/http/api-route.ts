import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type {
  ContextConfigDefault,
  FastifyReply,
  FastifyInstance,
  FastifyRequest,
  FastifySchema,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from 'fastify';
import type { RequestContext } from '../audit.js';
import type { User } from '../auth/repository.js';
import { platformProblems, type Problem } from '../errors.js';
import type { RoutePolicy } from '../policy.js';
import { signedIn } from './plugin.js';

/** What the OpenAPI document says of a problem: its status, code and title (see errors.ts `defineProblem`). */
export type ProblemKind = Pick<Problem, 'status' | 'code' | 'title'>;

/** A JSON route's schemas: each part it reads, validated (unknown fields stripped), and its answers. */
export interface ApiSchema {
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  response?: Record<number, TSchema>;
}

type Handler<S extends ApiSchema> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  ContextConfigDefault,
  S,
  TypeBoxTypeProvider
>;

export interface ApiRoute<S extends ApiSchema> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  policy: RoutePolicy;
  summary: string;
  description?: string;
  tags: readonly string[];
  schema: S;
  /** The problems this route's own work can return; those of signing in, the policy and validation are added. */
  problems?: readonly ProblemKind[];
  /** Keep the body as sent, before validation strips unknown fields, for a handler that refuses them by name (`bodyAsSent`). */
  keepBodyAsSent?: boolean;
  /** Typed from the schema by the TypeBox type provider: no generics, no casts. */
  handler: Handler<S>;
  /** A route taking a large upload (a CSV body or a multipart file): written to disk as it arrives (spool.ts), up to `limit` bytes. */
  upload?: { limit: number };
}

/** A problem+json body (RFC 9457), for the OpenAPI document. */
const ProblemDocument = Type.Object(
  {
    type: Type.String({ description: 'about:blank#<code>: the code is stable' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), rule: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true },
);

const sentBodies = new WeakMap<FastifyRequest, unknown>();

/** The body as sent, for a route declared with `keepBodyAsSent`. */
export const bodyAsSent = (request: FastifyRequest): unknown => sentBodies.get(request);

/** The problems any route of this kind can return, before its own. */
function problemsOf<S extends ApiSchema>(route: ApiRoute<S>): ProblemKind[] {
  const { schema, policy } = route;
  const validated = schema.params !== undefined || schema.querystring !== undefined || schema.body !== undefined;
  const shared: ProblemKind[] = [
    ...(validated ? [platformProblems.validationFailed] : []),
    ...(policy.kind === 'public' ? [] : [platformProblems.unauthenticated]),
    ...(policy.kind === 'action' ? [platformProblems.secondFactorRequired, platformProblems.forbidden] : []),
    ...(schema.body !== undefined ? [platformProblems.unsupportedMediaType] : []),
  ];
  const all = [...shared, ...(route.problems ?? [])];
  return all.filter((p, i) => all.findIndex((q) => q.status === p.status && q.code === p.code) === i);
}

/** The route's problems as OpenAPI responses, one per status, naming each code. */
function problemResponses(problems: ProblemKind[]): Record<number, unknown> {
  const statuses = [...new Set(problems.map((p) => p.status))].sort((a, b) => a - b);
  return Object.fromEntries(
    statuses.map((status) => {
      const codes = problems.filter((p) => p.status === status);
      return [
        status,
        {
          description: `Problem: ${codes.map((p) => `${p.code} (${p.title})`).join('; ')}`,
          content: { 'application/problem+json': { schema: ProblemDocument } },
        },
      ];
    }),
  );
}

/**
 * The one way to declare a JSON API route: its policy (checked before anything else, and listed
 * for the authorisation tests), its schemas (which type the handler's request and reply), and the
 * problems it can return, which the OpenAPI document lists with their codes. The problems are
 * added for the document only, so they never shape the problem+json bodies sent.
 */
export function apiRoute<S extends ApiSchema>(app: FastifyInstance, route: ApiRoute<S>): void {
  const problems = problemsOf(route);
  const { summary, description, tags, schema } = route;
  const documented: FastifySchema = { summary, ...(description ? { description } : {}), tags: [...tags], ...schema };
  app.withTypeProvider<TypeBoxTypeProvider>().route<RouteGenericInterface, ContextConfigDefault, S>({
    method: route.method,
    url: route.url,
    schema: { ...documented, ...schema },
    config: {
      policy: route.policy,
      ...(route.upload ? { spoolUpload: true, multipartOptions: { limits: { fileSize: route.upload.limit, files: 1, fields: 20 } } } : {}),
      swaggerTransform: ({ url }) => ({
        url,
        schema: {
          ...documented,
          response: { ...(schema.response ?? {}), ...problemResponses(problems) },
          'x-problem-codes': problems.map((p) => p.code),
        },
      }),
    },
    ...(route.keepBodyAsSent
      ? // Before validation strips unknown fields (app.ts: removeAdditional), keep a copy of what was sent.
        { preValidation: async (request: FastifyRequest) => void sentBodies.set(request, structuredClone(request.body)) }
      : {}),
    handler: route.handler,
  });
}

/**
 * A record passed through as the service gives it, for a response schema that documents its main
 * fields and lets the rest through (`additionalProperties: true`): the same value, typed as a plain
 * object so it meets the schema's open type. Nothing is copied or changed.
 */
export const passedThrough = <T extends object>(value: T): { [K in keyof T]: T[K] } => value;

/** The request and reply of a route with schemas S, typed by the TypeBox type provider. */
type TypedRequest<S extends ApiSchema> = Parameters<Handler<S>>[0];
type TypedReply<S extends ApiSchema> = Parameters<Handler<S>>[1];

/** What a route's work is given: the signed-in user, the validated parts of the request, and the request's context. */
export interface ApiCall<S extends ApiSchema> {
  /** Read only when asked for, so a route whose policy needs no session may still be declared. */
  readonly user: User;
  params: TypedRequest<S>['params'];
  query: TypedRequest<S>['query'];
  body: TypedRequest<S>['body'];
  context: RequestContext;
  request: TypedRequest<S>;
  /** For the rare route that sends its own reply (a header, or a status chosen by the outcome): it returns the reply. */
  reply: TypedReply<S>;
}

type Responses<S extends ApiSchema> = S['response'] extends Record<number, TSchema> ? S['response'] : Record<never, TSchema>;
type StaticOf<T> = T extends TSchema ? Static<T> : never;

/** What a route's work returns, from its success response: nothing for 204, else the 201 or 200 body. */
export type ApiAnswer<S extends ApiSchema> = 204 extends keyof Responses<S>
  ? void
  : 201 extends keyof Responses<S>
    ? StaticOf<Responses<S>[201]>
    : 200 extends keyof Responses<S>
      ? StaticOf<Responses<S>[200]>
      : unknown;

/**
 * One route of a table: what the document says of it, its schemas, (when not the table's) its
 * policy, and its work: a function of the call that returns what the success response says.
 */
export interface ApiRouteSpec<S extends ApiSchema> extends Pick<
  ApiRoute<S>,
  'summary' | 'description' | 'schema' | 'problems' | 'keepBodyAsSent' | 'upload'
> {
  policy?: RoutePolicy;
  work: (call: ApiCall<S>) => Promise<ApiAnswer<S> | TypedReply<S>>;
}

type Declare = <S extends ApiSchema>(url: string, spec: ApiRouteSpec<S>) => void;

/** A feature's API routes: `api.post(url, { summary, schema, problems, work })`. */
export interface ApiRouteTable {
  get: Declare;
  post: Declare;
  put: Declare;
  delete: Declare;
}

/** The status a route answers with when its work succeeds: the first of 204, 201 and 200 its schema lists. */
function successStatus(schema: ApiSchema): 200 | 201 | 204 {
  const codes = Object.keys(schema.response ?? {}).map(Number);
  return codes.includes(204) ? 204 : codes.includes(201) ? 201 : 200;
}

/** Send what a route's work returned, with the status its schema gives (a 204 sends nothing). */
function answerWith(reply: FastifyReply, status: 200 | 201 | 204, answer: unknown): void {
  void reply.code(status).send(status === 204 ? null : answer);
}

/**
 * A feature's table of API routes, sharing its tags and usual policy. Each route's work is a
 * function of the signed-in user and the validated request, returning what the success response
 * says: the reply's status comes from the schema (204 sends nothing, 201 sends the value).
 */
export function apiRoutes(app: FastifyInstance, shared: { tags: readonly string[]; policy: RoutePolicy }): ApiRouteTable {
  const declare =
    (method: ApiRoute<ApiSchema>['method']): Declare =>
    <S extends ApiSchema>(url: string, { work, ...spec }: ApiRouteSpec<S>) => {
      const status = successStatus(spec.schema);
      const handler = async (request: TypedRequest<S>, reply: TypedReply<S>): Promise<void> => {
        const answer = await work({
          get user() {
            return signedIn(request).user;
          },
          params: request.params,
          query: request.query,
          body: request.body,
          context: request.context,
          request,
          reply,
        });
        // A route that sends its own reply returns it; but a reply is a thenable (it settles when the
        // response has ended), so the async work's promise resolves to undefined, never to the reply:
        // whether the reply went is what tells. Comparing with the reply sent every such answer twice.
        if (!reply.sent) answerWith(reply, status, answer);
      };
      // The handler sends its own reply, typed by ApiAnswer<S>; Fastify's reply type cannot be resolved for an open S.
      apiRoute(app, { method, url, tags: shared.tags, ...spec, policy: spec.policy ?? shared.policy, handler: handler as Handler<S> });
    };
  return { get: declare('GET'), post: declare('POST'), put: declare('PUT'), delete: declare('DELETE') };
}
