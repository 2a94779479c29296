import { Type } from '@sinclair/typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentProblems } from '../../src/assessment/errors.js';
import { AppError, platformProblems } from '../../src/platform/errors.js';
import { apiRoute, apiRoutes } from '../../src/platform/http/api-route.js';
import { handleError } from '../../src/platform/http/errors.js';
import { policy } from '../../src/platform/policy.js';
import { Agent, createTestApp, signIn, type TestApp } from '../helpers/app.js';
import { buildArea, buildUser } from '../helpers/factories.js';

let t: TestApp;
let echo: FastifyInstance;

beforeAll(async () => {
  t = await createTestApp();
  // The helper alone, validating as the application does (app.ts): unknown fields stripped, types coerced.
  echo = Fastify({ ajv: { customOptions: { removeAdditional: 'all', coerceTypes: 'array', useDefaults: true, allErrors: true } } });
  echo.setErrorHandler(handleError);
  apiRoute(echo, {
    method: 'POST',
    url: '/api/echo/:n',
    policy: policy.public(),
    summary: 'Echo',
    tags: ['test'],
    schema: {
      params: Type.Object({ n: Type.Integer() }),
      body: Type.Object({ name: Type.String({ minLength: 1 }), age: Type.Integer() }),
      response: { 200: Type.Object({ n: Type.Integer(), name: Type.String(), age: Type.Integer() }) },
    },
    handler: async (request) => ({ n: request.params.n, ...request.body }),
  });
  // A table of routes: tags and policy once, the reply status from each route's response schema.
  const table = apiRoutes(echo, { tags: ['test'], policy: policy.public() });
  const Item = Type.Object({ id: Type.String(), n: Type.Integer() });
  table.post('/api/items/:n', {
    summary: 'Create',
    schema: { params: Type.Object({ n: Type.Integer() }), response: { 201: Item } },
    work: async ({ params }) => ({ id: `item-${params.n}`, n: params.n }),
  });
  table.put('/api/items/:n', {
    summary: 'Change',
    schema: { params: Type.Object({ n: Type.Integer() }), body: Type.Object({ name: Type.String() }), response: { 204: Type.Null() } },
    work: async ({ body }) => void changed.push(body.name),
  });
  table.get('/api/items', {
    summary: 'List',
    schema: { querystring: Type.Object({ n: Type.Integer() }) },
    work: async ({ query }) => [query.n],
  });
  await echo.ready();
});
const changed: string[] = [];
afterAll(async () => {
  await echo?.close();
  await t?.close();
});

it('lets a route that sends its own reply (a 202 with a location) return it, and sends nothing more', async () => {
  const logged: string[] = [];
  const own = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => void logged.push(line) } } });
  apiRoutes(own, { tags: ['test'], policy: policy.public() }).post('/api/jobs', {
    summary: 'Queue',
    schema: { response: { 202: Type.Object({ id: Type.String() }) } },
    work: async ({ reply }) => reply.code(202).header('location', '/api/jobs/1').send({ id: '1' }),
  });
  const response = await own.inject({ method: 'POST', url: '/api/jobs' });
  await own.close();
  expect(response.statusCode).toBe(202);
  expect(response.headers.location).toBe('/api/jobs/1');
  expect(JSON.parse(response.body)).toEqual({ id: '1' });
  expect(logged.join('\n')).not.toContain('Reply was already sent');
});

interface Operation {
  'x-problem-codes'?: string[];
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
}

describe('apiRoute', () => {
  it('hands the handler typed, coerced input with unknown fields stripped', async () => {
    const response = await echo.inject({ method: 'POST', url: '/api/echo/7', payload: { name: 'Ada', age: '9', isAdmin: true } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ n: 7, name: 'Ada', age: 9 });
  });

  it('refuses bad input as problem+json naming each field and rule', async () => {
    const response = await echo.inject({ method: 'POST', url: '/api/echo/x', payload: { age: 'old' } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json() as { type: string; errors: { field: string; rule: string }[] };
    expect(body.type).toBe('about:blank#validation_failed');
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'n', rule: 'type' })]));
  });

  it('names the body’s missing and mistyped fields', async () => {
    const response = await echo.inject({ method: 'POST', url: '/api/echo/1', payload: { age: 'old' } });
    const body = response.json() as { errors: { field: string; rule: string }[] };
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', rule: 'required' }),
        expect.objectContaining({ field: 'age', rule: 'type' }),
      ]),
    );
  });

  it('lists in the OpenAPI document the problems each route can return, by status and code', async () => {
    const doc = (await new Agent(t.app).get('/api/openapi.json')).json() as { paths: Record<string, Record<string, Operation>> };
    const removeName = doc.paths['/api/children/{childId}/names/{nameId}']?.delete;
    expect(removeName?.['x-problem-codes']).toEqual(
      expect.arrayContaining(['validation_failed', 'unauthenticated', 'forbidden', 'not_found', 'stale', 'current_name']),
    );
    const conflicts = removeName?.responses['409'];
    expect(conflicts?.description).toBe('Problem: stale (This record has changed); current_name (The current name cannot be removed)');
    expect(Object.keys(conflicts?.content ?? {})).toEqual(['application/problem+json']);
    expect(removeName?.responses['204']).toBeDefined();
    const start = doc.paths['/api/children/{childId}/assessments']?.post;
    expect(start?.responses['409']?.description).toBe('Problem: assessment_open (An assessment is already open)');
    // Any route behind a sign-in can be refused for want of one, or of its second factor.
    const me = doc.paths['/api/me']?.get;
    expect(me?.responses['401']?.description).toBe(
      'Problem: unauthenticated (Sign in required); second_factor_required (Sign in required)',
    );
  });

  it('keeps problem bodies as they were: the documented problems do not shape what is sent', async () => {
    const area = await buildArea(t.testDb.db);
    const admin = await signIn(t.app, await buildUser(t.testDb.db, t.config, { role: 'area_admin', areaCode: area }));
    const response = await admin.postJson('/api/users', { email: 42, extra: 'x' });
    expect(response.statusCode).toBe(400);
    const body = response.json() as { type: string; requestId: string; errors: { field: string }[] };
    expect(body.type).toBe('about:blank#validation_failed');
    expect(body.requestId).toEqual(expect.any(String));
    expect(body.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['displayName', 'password']));
  });
});

describe('apiRoutes', () => {
  it('replies with the status its response schema gives: the value for 201, nothing for 204, 200 otherwise', async () => {
    const created = await echo.inject({ method: 'POST', url: '/api/items/3' });
    expect([created.statusCode, created.json()]).toEqual([201, { id: 'item-3', n: 3 }]);
    const changedReply = await echo.inject({ method: 'PUT', url: '/api/items/3', payload: { name: 'Ada', extra: 1 } });
    expect([changedReply.statusCode, changedReply.body]).toEqual([204, '']);
    expect(changed).toEqual(['Ada']);
    const listed = await echo.inject({ method: 'GET', url: '/api/items?n=4' });
    expect([listed.statusCode, listed.json()]).toEqual([200, [4]]);
  });
});

describe('defineProblem', () => {
  it('makes errors with the declared status, code and title, typed details, and recognises its own', () => {
    const error = assessmentProblems.assessmentOpen('Already open', { details: { openAssessmentId: 'a1' } });
    expect(error).toBeInstanceOf(AppError);
    expect([error.status, error.code, error.title, error.message]).toEqual([
      409,
      'assessment_open',
      'An assessment is already open',
      'Already open',
    ]);
    expect(error.details?.openAssessmentId).toBe('a1');
    expect(assessmentProblems.assessmentOpen.is(error)).toBe(true);
    expect(platformProblems.conflict.is(error)).toBe(false);
    expect(platformProblems.notFound.is(new Error('not_found'))).toBe(false);
  });

  it('tells apart two problems that share a code, and keeps the problem when a page moves its field errors', () => {
    const exportRefused = assessmentProblems.exportNotCompleted('Complete it first');
    expect(assessmentProblems.exportNotCompleted.is(exportRefused)).toBe(true);
    expect(assessmentProblems.referralNotCompleted.is(exportRefused)).toBe(false);
    const open = assessmentProblems.assessmentOpen('Already open', { details: { openAssessmentId: 'a1' } });
    const moved = open.withFieldErrors([{ field: 'openAssessment', rule: 'one_open', message: 'Already open' }]);
    expect(assessmentProblems.assessmentOpen.is(moved)).toBe(true);
    expect([moved.message, moved.details?.openAssessmentId, moved.fieldErrors.map((e) => e.field)]).toEqual([
      'Already open',
      'a1',
      ['openAssessment'],
    ]);
  });
});
