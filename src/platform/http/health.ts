import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db.js';
import { paths } from '../paths.js';
import { policy } from '../policy.js';

const Health = Type.Object({ status: Type.String(), database: Type.String(), reason: Type.Optional(Type.String()) }, { $id: 'Health' });

/**
 * Readiness means a write commits, not that a SELECT answers: on a full disk reads still work while
 * every write fails (issue 11 §17). One row is updated and committed (migration 0009), and the
 * engine's storage is written (the embedded database's folder).
 */
async function probeWrite(db: Db): Promise<void> {
  const rows = await db.transaction((tx) => tx.query('UPDATE health_probe SET written_at = now() WHERE id = 1 RETURNING id'));
  if (rows.length !== 1) throw new Error('the health probe row is missing');
  await db.checkStorage();
}

export async function healthRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  // Readiness: the database answers and a write commits.
  app.get(
    paths.healthz,
    {
      config: { policy: policy.public() },
      schema: {
        summary: 'Readiness: is the database reachable and does a write commit',
        tags: ['operations'],
        security: [],
        response: { 200: Health, 503: Health },
      },
    },
    async (request, reply) => {
      try {
        await db.query('SELECT 1');
      } catch {
        return reply.code(503).send({ status: 'unavailable', database: 'unreachable' });
      }
      try {
        await probeWrite(db);
      } catch (error) {
        request.log.error({ err: error }, 'readiness: a write could not be committed');
        return reply.code(503).send({ status: 'unavailable', database: 'not writable', reason: 'a write could not be committed' });
      }
      return { status: 'ok', database: 'writable' };
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
