import { Readable } from 'node:stream';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../platform/auth/repository.js';
import { dateParts, formOf, handleForm, pageRenderer, type Form, type FormErrors } from '../platform/http/forms.js';
import { apiRoutes } from '../platform/http/api-route.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import { policy } from '../platform/policy.js';
import { IsoDate } from '../platform/schema.js';
import { formatDate } from '../platform/dates.js';
import { AUDIT_API_PAGE_MAX, type AuditTrailService, type TrailPage, type TrailQuery } from './service.js';
import { paginationOf } from '../platform/http/pagination.js';

/**
 * The auditor's trail (issue 14): a GET form of filters (date range, person, action, child), so a
 * filtered trail is a link and Back works; each entry in plain words; pages with totals; the same
 * filters as a CSV download and on the JSON API.
 */

const show = pageRenderer('audit/views');
/** Children named in one entry's cell; the rest are counted. */
const CHILDREN_SHOWN = 5;

/** The page's query fields; the page number is added by the pagination links. */
const FILTER_FIELDS = ['from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year', 'person', 'action', 'child'] as const;

const pageNumber = (value: string | undefined): number => (/^[1-9]\d{0,8}$/.test(value ?? '') ? Number(value) : 1);

function trailQueryOf(form: Form): TrailQuery {
  return {
    from: dateParts(form, 'from'),
    to: dateParts(form, 'to'),
    person: form.person,
    action: form.action,
    child: form.child,
    page: pageNumber(form.page),
  };
}

/** The filters as a query string, for the pagination links and the CSV link (empty fields left out). */
function queryString(form: Form, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const name of FILTER_FIELDS) {
    const value = (form[name] ?? '').trim();
    if (value !== '') params.set(name, value);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

async function trailPage(
  reply: FastifyReply,
  user: User,
  auditTrail: AuditTrailService,
  form: Form,
  data: { trail?: TrailPage; errors?: FormErrors },
  status = 200,
) {
  const { people, actions } = await auditTrail.choices(user);
  const trail = data.trail;
  const filtered = FILTER_FIELDS.some((f) => (form[f] ?? '').trim() !== '');
  const from = trail && trail.total > 0 ? (trail.page - 1) * trail.pageSize + 1 : 0;
  return show(
    reply,
    'audit.njk',
    {
      pageTitle: trail && trail.lastPage > 1 ? `Audit trail (page ${trail.page} of ${trail.lastPage})` : 'Audit trail',
      values: form,
      errors: data.errors,
      filtered,
      people: [
        { value: '', text: 'Anyone' },
        ...people.map((p) => ({ value: p.id, text: `${p.name} (${p.email})`, selected: p.id === form.person })),
      ],
      actions: [{ value: '', text: 'Any action' }, ...actions.map((a) => ({ ...a, selected: a.value === form.action }))],
      trail,
      // A search names up to 20 children: the first few are shown, each a link to the trail about them.
      entries: trail?.entries.map((e) => ({
        ...e,
        childrenShown: e.children.slice(0, CHILDREN_SHOWN),
        childrenMore: Math.max(0, e.children.length - CHILDREN_SHOWN),
      })),
      childFilterText: trail?.child
        ? trail.child.hidden
          ? 'A shielded record'
          : `${trail.child.name}, born ${formatDate(trail.child.dateOfBirth)}`
        : '',
      shown: trail && trail.entries.length > 0 ? { from, to: from + trail.entries.length - 1 } : undefined,
      pagination: trail
        ? paginationOf(trail.page, trail.lastPage, (n) => `${paths.audit}${queryString(form, { page: String(n) })}`)
        : undefined,
      csvHref: `${paths.auditExport}${queryString(form)}`,
      clearHref: paths.audit,
      childFilterClearHref: `${paths.audit}${queryString({ ...form, child: '' })}`,
    },
    status,
  );
}

const AuditQuerySchema = Type.Object({
  from: Type.Optional(Type.String({ pattern: IsoDate.pattern, description: 'Entries on or after this day (UK time), YYYY-MM-DD' })),
  to: Type.Optional(Type.String({ pattern: IsoDate.pattern, description: 'Entries up to the end of this day (UK time), YYYY-MM-DD' })),
  person: Type.Optional(Type.String({ format: 'uuid', description: 'Who acted: a user of your area, by id' })),
  action: Type.Optional(Type.String({ maxLength: 100, description: 'An action code, such as child.viewed' })),
  child: Type.Optional(Type.String({ format: 'uuid', description: 'Entries about this child: its subject, or one it named' })),
  actor: Type.Optional(Type.String({ maxLength: 254, description: 'Who acted, as recorded, containing this text' })),
  subjectId: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_API_PAGE_MAX, default: 50 })),
});
type AuditQueryString = Static<typeof AuditQuerySchema>;

const AuditEventSchema = Type.Object(
  {
    seq: Type.Integer(),
    occurredAt: Type.String({ format: 'date-time' }),
    when: Type.String({ description: 'In words, UK time' }),
    who: Type.String(),
    actorUserId: Type.Union([Type.String(), Type.Null()]),
    actorLabel: Type.String(),
    role: Type.String(),
    action: Type.String(),
    what: Type.String({ description: 'The action in plain words' }),
    outcome: Type.String(),
    children: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.Union([Type.String(), Type.Null()], { description: 'Null when the record is hidden from you' }),
      }),
    ),
    reason: Type.String(),
    ip: Type.String(),
    requestId: Type.String(),
    subjectType: Type.Union([Type.String(), Type.Null()]),
    subjectId: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'AuditEvent' },
);

export async function auditRoutes(app: FastifyInstance, { auditTrail }: { auditTrail: AuditTrailService }): Promise<void> {
  app.get(paths.audit, pageRoute('audit.read'), async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.query);
    const result = await handleForm(
      () => auditTrail.page(user, trailQueryOf(form), request.context),
      (errors, status) => trailPage(reply, user, auditTrail, form, { errors }, status),
      { dates: ['from', 'to'] },
    );
    return result.ok ? trailPage(reply, user, auditTrail, form, { trail: result.value }) : reply;
  });

  app.get(paths.auditExport, pageRoute('audit.read'), async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.query);
    const result = await handleForm(
      () => auditTrail.exportCsv(user, trailQueryOf(form), request.context),
      (errors, status) => trailPage(reply, user, auditTrail, form, { errors }, status),
      { dates: ['from', 'to'] },
    );
    if (!result.ok) return reply;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit-trail.csv"')
      .send(Readable.from(result.value.lines));
  });

  const api = apiRoutes(app, { tags: ['audit'], policy: policy.allow('audit.read') });
  api.get('/api/audit-events', {
    summary: "Your area's audit trail, newest first, filtered, with the total",
    description:
      'Every filter is optional: a day range (UK time, both days included), who acted, an action code, a child. ' +
      'Each entry comes in plain words (what, who, when, the children by name where you may see the record) with its raw codes and ids. ' +
      'Reading the trail is itself audited, with the children the page named.',
    schema: {
      querystring: AuditQuerySchema,
      response: {
        200: Type.Object({ events: Type.Array(AuditEventSchema), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }),
      },
    },
    work: async ({ user, query, context }) => {
      const q: AuditQueryString = query;
      const page = await auditTrail.page(user, q, context, q.pageSize ?? 50);
      return {
        events: page.entries.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
        total: page.total,
        page: page.page,
        pageSize: page.pageSize,
      };
    },
  });
}
