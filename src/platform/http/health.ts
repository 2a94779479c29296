import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db.js';
import { paths } from '../paths.js';
import { policy } from '../policy.js';

const Health = Type.Object({ status: Type.String(), database: Type.String() }, { $id: 'Health' });

export async function healthRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  // Readiness: the database answers.
  app.get(
    paths.healthz,
    {
      config: { policy: policy.public() },
      schema: {
        summary: 'Readiness: is the database reachable',
        tags: ['operations'],
        security: [],
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      try {
        await db.query('SELECT 1');
        return { status: 'ok', database: 'reachable' };
      } catch {
        return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
      }
    },
  );
  // Liveness: the process answers; touches nothing else.
  app.get(
    paths.livez,
    {
      config: { policy: policy.public() },
      schema: {
        summary: 'Liveness: the process is up',
        tags: ['operations'],
        security: [],
        response: { 200: Type.Object({ status: Type.String() }) },
      },
    },
    async () => ({ status: 'ok' }),
  );
}
