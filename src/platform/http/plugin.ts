import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { RequestContext } from '../audit.js';
import type { User } from '../auth/repository.js';
import type { AuthService } from '../auth/service.js';
import type { LiveSession } from '../auth/sessions.js';
import type { Config } from '../config.js';
import type { Db } from '../db.js';
import { platformProblems, tooManyRequests, unauthenticated, type FieldError } from '../errors.js';
import { paths } from '../paths.js';
import { can, ROLE_LABELS, type Action, type RoutePolicy } from '../policy.js';
import { makeAuthorise } from './authorise.js';
import { handleNotFound, makeErrorHandler } from './errors.js';
import { rememberUploadedFileName, withGuardFaults } from './forms.js';
import { refuseCrossSite, refuseNulCharacters } from './request-guards.js';
import { rememberSpooledUpload, removeUnclaimedSpools, spoolFolder, spoolStream } from './spool.js';
import { createViewEnvironment, GOVUK_DIST } from './views.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs; a route without one is refused (deny by default). */
    policy?: RoutePolicy;
  }
  interface FastifyRequest {
    auth: LiveSession | null;
    context: RequestContext;
    /** Numbers shown beside navigation entries (unread notices), loaded before a page's handler runs. */
    navigationCounts: Map<string, number> | null;
    /** The area's name and logo for the page header and footer, loaded before a page's handler runs. */
    brand: PageBrand | null;
  }
  interface FastifyInstance {
    /** Every route as registered, with its policy: the authorisation tests enumerate these. */
    registeredRoutes: { method: string; url: string; policy: RoutePolicy | undefined }[];
  }
  interface FastifyReply {
    render(template: string, data?: Record<string, unknown>): FastifyReply;
  }
}

export const SESSION_COOKIE = 'ctp_session';
const PUBLIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../public');
const STATIC_PREFIXES = ['/assets/', '/govuk/', '/public/'];

/** A navigation entry: shown to users whose role allows the action. */
export interface NavItem {
  text: string;
  action: Action;
  href: (user: User) => string;
  /** A number shown beside the entry (unread notices): one cheap query per page view, never per API call. */
  count?: (user: User) => Promise<number>;
}

/** What the header and footer show instead of the GOV.UK crown and Royal Arms: the area's name, and its logo if any. */
export interface PageBrand {
  name: string;
  logoUrl: string | null;
}

/** Finds the brand of a signed-in user's area, or (null) the brand shown to someone signed out. */
export type BrandLookup = (areaCode: string | null) => Promise<PageBrand | null>;

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(header) ? header : crypto.randomUUID();
}

export const genReqId = (req: { headers: Record<string, unknown> }): string => requestIdFrom(req.headers['x-request-id']);

export async function registerHttpPlatform(
  app: FastifyInstance,
  {
    config,
    db,
    auth,
    navigation,
    brand = async () => null,
  }: { config: Config; db: Db; auth: AuthService; navigation: NavItem[]; brand?: BrandLookup },
): Promise<void> {
  const registeredRoutes: FastifyInstance['registeredRoutes'] = [];
  app.decorate('registeredRoutes', registeredRoutes);
  // Static files are the only routes that are public by construction.
  app.addHook('onRoute', (route) => {
    if (STATIC_PREFIXES.some((p) => route.url.startsWith(p)) && !route.config?.policy) {
      route.config = { ...(route.config ?? {}), policy: { kind: 'public' } };
    }
    for (const method of [route.method].flat()) registeredRoutes.push({ method, url: route.url, policy: route.config?.policy });
  });

  // The security headers, as helmet chooses them, worked out once at start-up and then set as they are
  // on every answer: @fastify/helmet built helmet's middleware again for each request, and running the
  // middleware's chain took 2-3% of an audited API read's time (issue 19 §4).
  const securityHeaders = helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: config.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // same-origin, not no-referrer: under no-referrer browsers send "Origin: null" on our own form
    // posts, and the cross-site check (request-guards.ts) needs the real origin. Other sites still get no Referer.
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyFormbody, { bodyLimit: 256 * 1024 });
  // Forms that upload a file (a published table): the fields land in the body as for any form, the
  // file as a Buffer, so the CSRF check below reads the token the same way.
  // The file's own name is kept aside (uploadedFileName) for what shows it, such as an assessment's attachments.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 20 },
    async onFile(this: FastifyRequest, part) {
      // A route that declares spoolUpload gets its file on disk, written as it arrives (spool.ts).
      if (this.routeOptions.config.spoolUpload) {
        const limit = this.routeOptions.config.multipartOptions?.limits?.fileSize ?? 50 * 1024 * 1024;
        const written = await spoolStream(part.file, spoolFolder(config), limit);
        if (part.file.truncated) {
          await fs.promises.rm(written.path, { force: true });
          throw platformProblems.bodyTooLarge('The file is larger than this service accepts');
        }
        rememberSpooledUpload(this, part.fieldname, { ...written, fileName: part.filename });
      } else await part.toBuffer();
      rememberUploadedFileName(this, part.fieldname, part.filename);
    },
  });
  removeUnclaimedSpools(app);
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'ctp_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' },
    getToken: (req: FastifyRequest) => {
      const body = req.body as Record<string, unknown> | undefined;
      return typeof body?._csrf === 'string' ? body._csrf : undefined;
    },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => tooManyRequests('Too many attempts from this address. Wait a minute and try again.'),
  });
  await app.register(fastifyStatic, { root: path.join(GOVUK_DIST, 'govuk/assets'), prefix: '/assets/', index: false });
  await app.register(fastifyStatic, {
    root: path.join(GOVUK_DIST, 'govuk'),
    prefix: '/govuk/',
    decorateReply: false,
    index: false,
    allowedPath: (p) => /\.(css|js|mjs)$/.test(p),
  });
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/public/', decorateReply: false, index: false });

  const views = createViewEnvironment();
  const authorise = makeAuthorise(db);
  app.decorateRequest('auth', null);
  app.decorateRequest('context', null as unknown as RequestContext);
  app.decorateRequest('navigationCounts', null);
  app.decorateRequest('brand', null);
  const counted = navigation.filter((item) => item.count !== undefined);

  app.decorateReply('render', function render(this: FastifyReply, template: string, data: Record<string, unknown> = {}) {
    const request = this.request;
    const user = request.auth?.session.secondFactorAt ? request.auth.user : null;
    const nav = user
      ? navigation
          .filter((item) => can(user, item.action))
          .map((item) => ({ text: item.text, href: item.href(user), count: request.navigationCounts?.get(item.text) ?? 0 }))
          .map(({ count, ...item }) => ({
            ...item,
            html: count > 0 ? navigationWithCount(item.text, count) : undefined,
            active: item.href === '/' ? request.url === '/' : request.url.startsWith(item.href),
          }))
      : [];
    const html = views.render(template, {
      serviceName: config.serviceName,
      currentUser: user && { ...user, roleLabel: ROLE_LABELS[user.role] },
      partlySignedIn: !!request.auth && !user,
      navigation: nav,
      brand: request.brand ?? { name: config.serviceName, logoUrl: null },
      csrfToken: this.generateCsrf(),
      paths,
      ...data,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });

  app.addHook('onRequest', async (request, reply) => {
    // Background work on the embedded connection waits for the answer (Db.requestStarted, ADR 0031).
    const answered = db.requestStarted();
    reply.raw.once('finish', answered);
    reply.raw.once('close', answered);
    reply.header('x-request-id', request.id);
    reply.header('cache-control', 'no-store');
    request.context = {
      ip: request.ip,
      userAgent: String(request.headers['user-agent'] ?? '').slice(0, 500),
      requestId: request.id,
    };
    refuseCrossSite(request, SESSION_COOKIE);
    const signed = request.cookies[SESSION_COOKIE];
    const token = signed ? request.unsignCookie(signed) : undefined;
    request.auth = token?.valid && token.value ? ((await auth.resolveSession(token.value)) ?? null) : null;
    await authorise(request, reply);
  });

  // Pages only (a GET outside the API, or a form post that may redisplay): the area's name and logo.
  app.addHook('preHandler', async (request) => {
    if (isApiRequest(request) || STATIC_PREFIXES.some((p) => request.url.startsWith(p))) return;
    request.brand = await brand(request.auth?.user.areaCode ?? null);
  });

  // Pages only (a GET outside the API), for a fully signed-in user: the navigation's numbers.
  app.addHook('preHandler', async (request) => {
    const user = request.auth?.session.secondFactorAt ? request.auth.user : null;
    if (!user || request.method !== 'GET' || isApiRequest(request) || counted.length === 0) return;
    request.navigationCounts = new Map();
    for (const item of counted) {
      if (item.count && can(user, item.action)) request.navigationCounts.set(item.text, await item.count(user));
    }
  });

  // Every form carries a CSRF token; the JSON API accepts only JSON, which a cross-site form cannot send.
  const pageFormFaults = new WeakMap<FastifyRequest, FieldError[]>();
  app.addHook('preValidation', async (request, reply) => {
    const pageForm = !isApiRequest(request) && !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    pageFormFaults.set(request, refuseNulCharacters(request, { pageForm }));
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return;
    if (isApiRequest(request)) {
      const type = String(request.headers['content-type'] ?? '');
      // A route that takes an upload (spool.ts) also takes a CSV body or a multipart form, each written to disk as it arrives.
      const upload = request.routeOptions.config.spoolUpload === true && /^(text\/csv|multipart\/form-data)/.test(type);
      if (request.body !== undefined && !type.startsWith('application/json') && !upload) {
        throw platformProblems.unsupportedMediaType('The API accepts request bodies as application/json only');
      }
      return;
    }
    await new Promise<void>((resolve, reject) => {
      app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
    });
    const body = request.body as Record<string, unknown> | undefined;
    if (body && typeof body === 'object') delete body._csrf;
  });
  // The rest of the request (route hooks, the route, its handleForm) runs with the faults found in its form.
  // A callback hook, so that what follows `done` runs inside the store (as @fastify/request-context does).
  app.addHook('preValidation', (request, _reply, done) => withGuardFaults(pageFormFaults.get(request) ?? [], done));

  app.setErrorHandler(makeErrorHandler(db));
  app.setNotFoundHandler({}, handleNotFound);
}

/** An entry's words with its number, which a screen reader reads as "Notifications, 3 unread". */
function navigationWithCount(text: string, count: number): string {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `${escaped} <span class="app-count">${count}<span class="govuk-visually-hidden"> unread</span></span>`;
}

export function setSessionCookie(reply: FastifyReply, token: string, config: Config): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    signed: true,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The session of a route whose policy requires one (the policy has already refused anyone else). */
export function signedIn(request: FastifyRequest): LiveSession {
  if (!request.auth) throw unauthenticated();
  return request.auth;
}

/** The headers helmet's middleware sets for these options, read once from a response that records them. */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as http.IncomingMessage, recorder as unknown as http.ServerResponse, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
  });
  if (Object.keys(headers).length === 0) throw new Error('helmet set no security headers');
  return headers;
}
