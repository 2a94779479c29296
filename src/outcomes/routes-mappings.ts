import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formOf, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { formatDateTime } from '../platform/dates.js';
import { paths } from '../platform/paths.js';
import { isEesStandardColumn } from './layouts/ees.js';
import { MAPPING_SOURCES, isMappingSource, type MappingDraft, type MappingService, type PublishedMapping } from './mappings.js';
import { allow, show } from './routes-helpers.js';
import { GROUPS } from './types.js';

/**
 * The pages that say which columns of a publisher's file become which indicators (issue 15 item 1):
 * the saved mappings, and a form per publication. A refused EES or Fingertips file links here with
 * its columns (or Fingertips indicator IDs) filled in. No JavaScript: each column is a row of boxes.
 */

/** At most this many columns on one form: an EES file has a few dozen. */
const MAX_COLUMNS = 200;

type Role = 'ignore' | 'measure' | 'filter';

interface ColumnRow {
  column: string;
  role: Role;
  indicator: string;
  total: string;
  groups: string;
}

/** The columns given in the address (`?columns=a,b,c`) or pasted (a header line, or IDs one a line). */
export const columnsOf = (text: string, source: string): string[] =>
  [...new Set(text.split(/[,\n\r\t]+/).map((c) => c.trim().replace(/^"|"$/g, '')))]
    .filter((c) => c !== '' && (source !== 'ees' || !isEesStandardColumn(c)))
    .slice(0, MAX_COLUMNS);

const rowsOfMapping = (m: PublishedMapping): ColumnRow[] => [
  ...m.measures.map((x) => ({ column: x.column, role: 'measure' as const, indicator: x.indicator, total: '', groups: '' })),
  ...m.filters.map((f) => ({
    column: f.column,
    role: 'filter' as const,
    indicator: '',
    total: f.total,
    groups: f.groups.map((g) => `${g.value} = ${g.group}`).join('\n'),
  })),
];

function rowsOfForm(form: Form): ColumnRow[] {
  const rows: ColumnRow[] = [];
  for (let i = 0; i < MAX_COLUMNS && form[`column-${i}`] !== undefined; i += 1) {
    const role = form[`role-${i}`];
    rows.push({
      column: form[`column-${i}`] ?? '',
      role: role === 'measure' || role === 'filter' ? role : form.source === 'fingertips' ? 'measure' : 'ignore',
      indicator: form[`indicator-${i}`] ?? '',
      total: form[`total-${i}`] ?? '',
      groups: form[`groups-${i}`] ?? '',
    });
  }
  return rows;
}

/** The form as a draft for the service; a row's index stays its field's, so errors sit beside their boxes. */
export function draftOf(form: Form): MappingDraft {
  const rows = rowsOfForm(form);
  return {
    source: form.source,
    name: form.name,
    slug: form.slug,
    measures: rows.map((r) => (r.role === 'measure' ? { column: r.column, indicator: r.indicator } : {})),
    filters: rows.map((r) =>
      r.role === 'filter'
        ? {
            column: r.column,
            total: r.total,
            groups: r.groups
              .split(/\r?\n/)
              .filter((line) => line.trim() !== '')
              .map((line) => {
                const at = line.lastIndexOf('=');
                return at < 0 ? { value: line, group: '' } : { value: line.slice(0, at), group: line.slice(at + 1) };
              }),
          }
        : {},
    ),
  };
}

export async function outcomeMappingPageRoutes(app: FastifyInstance, { mappings }: { mappings: MappingService }): Promise<void> {
  const groupsHint = `One a line, as value = group; the groups are ${GROUPS.filter((g) => g.code !== 'all')
    .map((g) => g.code)
    .join(', ')}. Rows with any other value are skipped.`;

  const formPage = (
    reply: FastifyReply,
    view: { source: string; action: string; values: Form; rows: ColumnRow[]; editing: boolean },
    errors?: FormErrors,
    status = 200,
  ) => {
    const source = MAPPING_SOURCES.find((s) => s.code === view.source) ?? MAPPING_SOURCES[0];
    return show(
      reply,
      'mapping.njk',
      {
        pageTitle: view.editing ? `Change the mapping of ${view.values.name ?? ''}` : `Map a ${source?.label ?? ''} publication`,
        source,
        action: view.action,
        values: view.values,
        groupsHint,
        rows: view.rows.map((r, i) => ({
          ...r,
          index: i,
          roleItems: (['ignore', 'measure', 'filter'] as const).map((role) => ({
            value: role,
            text: { ignore: 'Not used', measure: 'A measure: its values go to an indicator', filter: 'A filter: a breakdown of children' }[
              role
            ],
            selected: r.role === role,
          })),
        })),
        errors,
      },
      status,
    );
  };

  app.get<{ Querystring: { saved?: string } }>(paths.outcomesMappings, allow('outcomes.import'), async (request, reply) => {
    const all = await mappings.list();
    return show(reply, 'mappings.njk', {
      pageTitle: 'Publications mapped to indicators',
      saved: typeof request.query.saved === 'string' ? request.query.saved.slice(0, 200) : null,
      rows: all.map((m) => [
        { html: `<a class="govuk-link" href="${paths.outcomesMapping(m.id)}">${escapeHtml(m.name)}</a>` },
        { text: MAPPING_SOURCES.find((s) => s.code === m.source)?.label ?? m.source },
        { text: m.measures.map((x) => `${x.column} → ${x.indicator}`).join('; ') },
        { text: `${formatDateTime(m.updatedAt)} by ${m.updatedBy}` },
      ]),
      sources: MAPPING_SOURCES,
    });
  });

  app.get<{ Querystring: { source?: string; columns?: string } }>(
    paths.outcomesMappingNewPattern,
    allow('outcomes.import'),
    async (request, reply) => {
      const source = isMappingSource(request.query.source) ? request.query.source : null;
      const columns = source ? columnsOf(request.query.columns ?? '', source) : [];
      if (!source || columns.length === 0)
        return show(reply, 'mapping-columns.njk', {
          pageTitle: 'Map a publication to indicators',
          sourceItems: MAPPING_SOURCES.map((s) => ({ value: s.code, text: s.label, checked: s.code === source })),
          columns: request.query.columns ?? '',
        });
      const rows = columns.map((column) => ({
        column,
        role: (source === 'fingertips' ? 'measure' : 'ignore') as Role,
        indicator: '',
        total: 'Total',
        groups: '',
      }));
      return formPage(reply, { source, action: paths.outcomesMappings, values: { source }, rows, editing: false });
    },
  );

  app.get<{ Params: { mappingId: string } }>(paths.outcomesMappingPattern, allow('outcomes.import'), async (request, reply) => {
    const m = await mappings.get(request.params.mappingId);
    return formPage(reply, {
      source: m.source,
      action: paths.outcomesMapping(m.id),
      values: { source: m.source, name: m.name, slug: m.slug },
      rows: rowsOfMapping(m),
      editing: true,
    });
  });

  const save = async (request: FastifyRequest, reply: FastifyReply, action: string, editing: boolean) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => mappings.save(user, draftOf(form), request.context),
      (errors, status) =>
        formPage(reply, { source: form.source ?? 'ees', action, values: form, rows: rowsOfForm(form), editing }, errors, status),
    );
    return result.ok ? reply.redirect(`${paths.outcomesMappings}?saved=${encodeURIComponent(result.value.name)}`, 303) : reply;
  };

  app.post(paths.outcomesMappings, allow('outcomes.import'), async (request, reply) => save(request, reply, paths.outcomesMappings, false));
  app.post<{ Params: { mappingId: string } }>(paths.outcomesMappingPattern, allow('outcomes.import'), async (request, reply) => {
    await mappings.get(request.params.mappingId);
    return save(request, reply, paths.outcomesMapping(request.params.mappingId), true);
  });
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
