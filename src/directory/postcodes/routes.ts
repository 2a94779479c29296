import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../../platform/auth/service.js';
import { formatDateTime } from '../../platform/dates.js';
import { fileOf, pageRenderer, uploadedFileName } from '../../platform/http/forms.js';
import { signedIn } from '../../platform/http/plugin.js';
import { pageRoute } from '../../platform/http/views.js';
import { paths } from '../../platform/paths.js';
import { shownFaults } from '../../platform/faults.js';
import type { PostcodeLoadReport, PostcodeService } from './service.js';

/**
 * The area's postcodes under Local settings (issue 17; ADR 0026): how many it holds, and a form to
 * load an ONS Postcode Directory file the council downloaded. The answer is the load's report on the
 * same page: what was loaded and left out, or every kind of fault with the first of each; never a 500
 * for a fault of the file.
 */

const page = pageRenderer('directory/views');

const KIND_WORDS: Record<string, string> = {
  csv_format: 'Not a readable CSV',
  missing_column: 'A column the file must have is missing',
  postcode_format: 'Not a full UK postcode',
  latitude: 'Latitude not in the UK',
  longitude: 'Longitude not in the UK',
  file_empty: 'The file is empty',
};

const cleanName = (name: string) => name.replace(/[^\w.\- ]/g, '').slice(0, 120) || 'upload.csv';

export async function postcodeRoutes(app: FastifyInstance, { postcodes }: { postcodes: PostcodeService }): Promise<void> {
  const manage = pageRoute('settings.manage');

  const show = async (reply: FastifyReply, areaCode: string, extra: { report?: PostcodeLoadReport; fileError?: string }, status = 200) => {
    const held = await postcodes.held(areaCode);
    const report = extra.report;
    return page(
      reply,
      'postcodes.njk',
      {
        pageTitle: 'Postcodes',
        held: held.count,
        loadedAt: held.loadedAt ? formatDateTime(held.loadedAt) : null,
        report,
        kindRows: (report?.faultSummary.kinds ?? []).map((k) => [
          { text: KIND_WORDS[k.kind] ?? k.kind },
          { text: String(k.count), format: 'numeric' },
          { text: k.more > 0 ? `The first ${k.shown.length}` : 'All' },
        ]),
        faultRows: report ? shownFaults(report.faultSummary).map((f) => [{ text: String(f.line), format: 'numeric' }, { text: f.column }, { text: f.message }]) : [],
        errors: extra.fileError
          ? { summary: [{ text: extra.fileError, href: '#file' }], byField: { file: { text: extra.fileError } } }
          : undefined,
      },
      status,
    );
  };

  app.get(paths.localSettingsPostcodes, manage, async (request, reply) => show(reply, signedIn(request).user.areaCode, {}));

  app.post(paths.localSettingsPostcodes, manage, async (request, reply) => {
    const { user } = signedIn(request);
    const file = fileOf(request.body, 'file');
    if (!file || file.length === 0) return show(reply, user.areaCode, { fileError: 'Choose the ONS Postcode Directory CSV file to load' }, 400);
    const report = await postcodes.load(
      { actor: actorOf(user), ctx: request.context },
      user.areaCode,
      file.toString('utf8'),
      cleanName(uploadedFileName(request, 'file')),
    );
    return show(reply, user.areaCode, { report }, report.status === 'loaded' ? 200 : 400);
  });
}
