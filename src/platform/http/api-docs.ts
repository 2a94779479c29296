import type { FastifyInstance } from 'fastify';
import { paths } from '../paths.js';
import { policy } from '../policy.js';

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: { type?: string; format?: string } }[];
  responses?: Record<string, { description?: string }>;
  security?: unknown[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export async function apiDocsRoutes(app: FastifyInstance): Promise<void> {
  app.get(paths.openApi, { config: { policy: policy.public() }, schema: { hide: true } }, async () => app.swagger());

  // A readable page made from the same document, server-rendered so it works without JavaScript.
  app.get(paths.apiDocs, { config: { policy: policy.public() }, schema: { hide: true } }, async (_request, reply) => {
    const doc = app.swagger() as {
      info: { title: string; version: string; description?: string };
      paths?: Record<string, Record<string, Operation>>;
    };
    const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => {
        const op = item[method] as Operation;
        return {
          id: `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-'),
          method: method.toUpperCase(),
          path,
          summary: op.summary ?? '',
          description: op.description ?? '',
          tag: op.tags?.[0] ?? 'other',
          public: Array.isArray(op.security) && op.security.length === 0,
          parameters: (op.parameters ?? []).map((p) => ({
            name: p.name,
            in: p.in,
            required: !!p.required,
            type: p.schema?.format ?? p.schema?.type ?? '',
            description: p.description ?? '',
          })),
          responses: Object.entries(op.responses ?? {}).map(([status, r]) => ({ status, description: r.description ?? '' })),
        };
      }),
    );
    return reply.render('platform/http/views/api-docs.njk', { pageTitle: 'API documentation', info: doc.info, operations });
  });
}
