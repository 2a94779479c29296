import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../platform/auth/repository.js';
import {
  checkedValues,
  fileOf,
  formErrors,
  formOf,
  handleForm,
  uploadedFileName,
  uploadedText,
  type Form,
  type FormErrors,
} from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { shownFaults } from '../platform/faults.js';
import { paths } from '../platform/paths.js';
import { can } from '../platform/policy.js';
import { uploadedFileLabel } from './file-sniff.js';
import { byPlace } from './import.js';
import { sniffFormat } from './import-input.js';
import type { ImportFault } from './layouts/index.js';
import { IMPORT_COLUMNS, importTemplateCsv } from './import-columns.js';
import { IMPORT_FAULT_KINDS } from './import-rows.js';
import { neighboursText } from './neighbours-rows.js';
import type { OutcomeServices } from './index.js';
import { allow, selectItems, show } from './routes-helpers.js';
import { FREQUENCIES, POLARITIES, UNITS } from './service.js';

/**
 * The pages that change what the area holds (issue 5 items 2-4): importing a published table,
 * choosing statistical neighbours, adding a local indicator. POST-redirect-GET; a refused form is
 * shown again with an error summary and the user's input.
 */
export async function outcomeManagePageRoutes(app: FastifyInstance, { outcomes }: { outcomes: OutcomeServices }): Promise<void> {
  // ---- Import -------------------------------------------------------------------------------------

  app.get(paths.outcomesImport, allow('outcomes.import'), async (_request, reply) =>
    show(reply, 'import.njk', { pageTitle: 'Import indicator values', values: {}, columns: IMPORT_COLUMNS }),
  );

  // A file to fill in: every column named, with example rows (import-columns.ts).
  app.get(paths.outcomesImportTemplate, allow('outcomes.import'), async (_request, reply) =>
    reply
      .header('content-disposition', 'attachment; filename="indicator-values-template.csv"')
      .type('text/csv; charset=utf-8')
      .send(importTemplateCsv()),
  );

  // The report is shown at once (no redirect): it describes this upload only and is in the audit trail.
  app.post(paths.outcomesImport, allow('outcomes.import'), async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const csv = uploadedText(request.body, 'csv');
    // A compressed CSV or a spreadsheet goes in as its bytes (import-input.ts tells them apart); text as text.
    const file = fileOf(request.body, 'file');
    const binary = file && file.length > 0 && sniffFormat(file) !== 'csv' ? file : null;
    if (!binary && csv.trim() === '') {
      const message = 'Choose a CSV file, or paste the CSV text of the table';
      const errors = formErrors([{ field: 'file', rule: 'required', message }]);
      return show(reply, 'import.njk', { pageTitle: 'Import indicator values', values: form, errors, columns: IMPORT_COLUMNS }, 400);
    }
    // The file's own name goes into the import and its audit entry (issue 15 item 6); pasted text is said to be.
    const fileName = file?.length ? uploadedFileLabel(uploadedFileName(request, 'file'), 'upload.csv') : 'pasted text';
    const goodRows = form.importGoodRows === 'yes';
    const report = binary
      ? await outcomes.importFile(user, binary, fileName, goodRows, request.context)
      : await outcomes.importCsv(user, csv, goodRows, request.context, fileName);
    // Bounded however many faults the file has (platform/faults.ts): the first of each kind, by place, and counts.
    const faultRows = shownFaults(report.faultSummary)
      .sort(byPlace)
      .map((f) => [{ text: String(f.line), format: 'numeric' }, { text: f.column || '(whole row)' }, faultReasonCell(f)]);
    const kindRows = report.faultSummary.kinds.map((k) => [
      { text: IMPORT_FAULT_KINDS[k.kind] },
      { text: k.count.toLocaleString('en-GB'), format: 'numeric' },
      { text: k.more > 0 ? `${k.shown.length} shown, and ${k.more.toLocaleString('en-GB')} more of this kind` : 'all shown' },
    ]);
    return show(
      reply,
      'import.njk',
      {
        pageTitle: report.status === 'imported' ? 'Indicator values imported' : 'The file was not imported',
        values: form,
        columns: IMPORT_COLUMNS,
        importedText: importedText(report),
        report,
        faultRows,
        kindRows,
        faultTotal: report.faultSummary.total.toLocaleString('en-GB'),
        skippedRows: report.skipped.map((k) => [{ text: k.reason }, { text: k.rows.toLocaleString('en-GB'), format: 'numeric' }]),
        faultsHidden: report.faultSummary.kinds.some((k) => k.more > 0),
      },
      report.status === 'imported' ? 200 : 422,
    );
  });

  // ---- Comparators --------------------------------------------------------------------------------

  const comparatorsPage = async (reply: FastifyReply, user: User, chosen: string[] | null, errors?: FormErrors, status = 200) => {
    const [areas, current, source, neighbours] = await Promise.all([
      outcomes.catalogue.referenceAreas(user.areaCode),
      outcomes.catalogue.comparators(user.areaCode),
      outcomes.catalogue.comparatorSource(user.areaCode),
      outcomes.catalogue.statisticalNeighbours(user.areaCode),
    ]);
    // Checked: the area's choice, or its statistical neighbours when it has made none (saving them makes them its choice).
    const picked = new Set(chosen ?? current.map((c) => c.code));
    const choosable = areas.filter((a) => a.kind !== 'country' && a.code !== user.areaCode);
    const item = (a: (typeof areas)[number]) => ({ value: a.code, text: `${a.name} (${a.code})`, checked: picked.has(a.code) });
    const regions = [...new Set(choosable.filter((a) => a.kind !== 'region').map((a) => a.region))].sort();
    return show(
      reply,
      'comparators.njk',
      {
        pageTitle: 'Comparator areas',
        current,
        source,
        neighbourRows: neighbours.map((n) => [
          { text: `SN${n.position}`, format: 'numeric' },
          { text: n.name },
          { text: n.band ?? 'not given' },
        ]),
        canManage: can(user, 'outcomes.manage'),
        regions: [
          { region: 'Regions (shown as a line, not ranked)', items: choosable.filter((a) => a.kind === 'region').map(item) },
          ...regions.map((region) => ({
            region,
            items: choosable.filter((a) => a.region === region && a.kind !== 'region').map(item),
          })),
        ],
        errors,
      },
      status,
    );
  };

  // Anyone who reads the outcome pages may see which areas they are compared with; a planner changes them.
  app.get(paths.outcomesComparators, allow('outcomes.view'), async (request, reply) =>
    comparatorsPage(reply, signedIn(request).user, null),
  );

  app.post(paths.outcomesComparators, allow('outcomes.manage'), async (request, reply) => {
    const { user } = signedIn(request);
    const chosen = checkedValues(request.body, 'comparators');
    const result = await handleForm(
      () => outcomes.catalogue.setComparators(user, chosen, request.context),
      (errors, status) => comparatorsPage(reply, user, chosen, errors, status),
    );
    return result.ok ? reply.redirect(`${paths.outcomesComparators}?done=saved`, 303) : reply;
  });

  // ---- Local indicators ---------------------------------------------------------------------------

  const localIndicatorPage = async (reply: FastifyReply, values: Form, aimCodes: string[], errors?: FormErrors, status = 200) => {
    const framework = await outcomes.catalogue.framework('');
    return show(
      reply,
      'local-indicator.njk',
      {
        pageTitle: 'Add a local indicator',
        values,
        unitItems: [{ value: '', text: 'Choose a unit', selected: !values.unit }, ...selectItems(UNITS, values.unit)],
        polarityItems: POLARITIES.map((p) => ({ value: p, text: p, checked: p === values.polarity })),
        frequencyItems: [
          { value: '', text: 'Choose how often', selected: !values.frequency },
          ...selectItems(FREQUENCIES, values.frequency),
        ],
        outcomes: framework.map((o) => ({
          name: o.everydayName,
          items: o.aims.map((a) => ({ value: a.code, text: a.text, checked: aimCodes.includes(a.code) })),
        })),
        errors,
      },
      status,
    );
  };

  app.get(paths.outcomesIndicatorNew, allow('outcomes.manage'), async (_request, reply) => localIndicatorPage(reply, {}, []));

  app.post(paths.outcomesIndicatorNew, allow('outcomes.manage'), async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const aimCodes = checkedValues(request.body, 'aimCodes');
    const result = await handleForm(
      () =>
        outcomes.catalogue.addLocalIndicator(
          user,
          {
            code: form.code,
            title: form.title,
            definition: form.definition,
            unit: form.unit,
            polarity: form.polarity,
            source: form.source,
            frequency: form.frequency,
            hasDenominator: form.hasDenominator === 'yes',
            decimals: form.decimals,
            aimCodes,
          },
          request.context,
        ),
      (errors, status) => localIndicatorPage(reply, form, aimCodes, errors, status),
    );
    return result.ok ? reply.redirect(paths.outcomesIndicator(result.value.code), 303) : reply;
  });
}

/** A fault's reason, with a link where a page can put it right (an EES file's mapping). */
function faultReasonCell(f: ImportFault): { text: string } | { html: string } {
  if (!f.href) return { text: f.reason };
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return { html: `${escape(f.reason)} <a class="govuk-link" href="${escape(f.href)}">Map the columns</a>` };
}

/** The uploaded file's name as recorded: its base name, printable characters only. */

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** "1 value imported from 1 row: 1 new, 0 replaced, 0 unchanged." Never "1 rows". */
export function importedText(r: {
  values: number;
  rows: number;
  created: number;
  replaced: number;
  unchanged: number;
  neighbourGroups?: { areas: number; neighbours: number };
}): string {
  if (r.neighbourGroups) return neighboursText(r.neighbourGroups, r.rows);
  return (
    `${plural(r.values, 'value', 'values')} imported from ${plural(r.rows, 'row', 'rows')}: ` +
    `${r.created.toLocaleString('en-GB')} new, ${r.replaced.toLocaleString('en-GB')} replaced, ${r.unchanged.toLocaleString('en-GB')} unchanged.`
  );
}
