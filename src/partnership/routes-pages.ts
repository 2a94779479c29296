import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../platform/auth/service.js';
import { checkedValues, dateParts, formOf, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import { policy } from '../platform/policy.js';
import { NO_DUTY, type PartnerInput } from './input.js';
import type { Caller, PartnershipService } from './service.js';
import { COVERAGE_KINDS, dutyDates, SECTORS, type Organisation } from './types.js';

/** The pages that set up an area and manage its partners: GOV.UK forms, POST-redirect-GET, no JavaScript needed. */

type AreaParams = { areaCode: string };
type PartnerParams = { areaCode: string; partnerId: string };

export const callerOf = (request: FastifyRequest): Caller => {
  const { user } = signedIn(request);
  return { actor: actorOf(user), ctx: request.context, principal: user };
};

/** A partner form's fields as the service takes them; the districts are a group of checkboxes. */
export const partnerInputOf = (form: Form, districtCodes: string[]): PartnerInput => ({
  name: form.name,
  organisationType: form.organisationType,
  sector: form.sector,
  dutyCode: form.dutyCode,
  inclusionReason: form.inclusionReason,
  coverageKind: form.coverageKind,
  districtCodes,
  coverage: form.coverage,
  contactName: form.contactName,
  contactEmail: form.contactEmail,
  contactPhone: form.contactPhone,
});

const formOfPartner = (o: Organisation): Form => ({
  name: o.name,
  organisationType: o.organisationType,
  sector: o.sector,
  dutyCode: o.dutyCode ?? NO_DUTY,
  inclusionReason: o.inclusionReason,
  coverageKind: o.coverageKind,
  coverage: o.coverage,
  contactName: o.contactName,
  contactEmail: o.contactEmail,
  contactPhone: o.contactPhone,
});

export async function partnershipPageRoutes(app: FastifyInstance, { partnership }: { partnership: PartnershipService }): Promise<void> {
  const manage = policy.allow('partners.manage', { areaParam: 'areaCode' });
  const hidden = { hide: true };

  const newAreaPage = (reply: FastifyReply, values: Form = {}, errors?: FormErrors, status = 200) =>
    reply.code(status).render('partnership/views/new-area.njk', { pageTitle: 'Create an area', values, errors });

  app.get(paths.areasNew, { config: { policy: policy.allow('areas.create') }, schema: hidden }, async (_request, reply) =>
    newAreaPage(reply),
  );

  app.post(paths.areasNew, { config: { policy: policy.allow('areas.create') }, schema: hidden }, async (request, reply) => {
    const form = formOf(request.body);
    const input = { code: form.code, name: form.name, districts: form.districts, leadAuthorityName: form.leadAuthorityName };
    const result = await handleForm(
      () => partnership.createArea(callerOf(request), input),
      (errors, status) => newAreaPage(reply, form, errors, status),
    );
    return result.ok ? reply.redirect(paths.area(result.value.code), 303) : reply;
  });

  const partnerFormPage = async (
    reply: FastifyReply,
    areaCode: string,
    page: { partnerId?: string; values: Form; districtCodes: readonly string[]; errors?: FormErrors; status?: number },
  ) => {
    const [area, districts, duties] = await Promise.all([
      partnership.findArea(areaCode),
      partnership.listDistricts(areaCode),
      partnership.listStatutoryDuties(),
    ]);
    const { values } = page;
    return reply.code(page.status ?? 200).render('partnership/views/partner-form.njk', {
      pageTitle: page.partnerId ? `Change ${values.name ?? 'partner'}` : 'Register a partner organisation',
      area,
      action: page.partnerId ? paths.areaPartnerEdit(areaCode, page.partnerId) : paths.areaPartnerNew(areaCode),
      values,
      errors: page.errors,
      sectors: [
        { value: '', text: 'Select a sector' },
        ...SECTORS.values.map((s) => ({ value: s, text: s, selected: s === values.sector })),
      ],
      duties: [
        ...duties.map((d) => ({
          value: d.code,
          text: `${d.provision}: ${d.partnerType}`,
          hint: { text: dutyDates(d) },
          checked: d.code === values.dutyCode,
        })),
        { divider: 'or' },
        { value: NO_DUTY, text: 'Under no duty: included by the area’s decision', checked: values.dutyCode === NO_DUTY },
      ],
      coverageKinds: COVERAGE_KINDS.values.map((k) => ({
        value: k,
        text: k[0]?.toUpperCase() + k.slice(1),
        checked: k === (values.coverageKind ?? 'whole area'),
      })),
      districts: districts.map((d) => ({ value: d.code, text: d.name, checked: page.districtCodes.includes(d.code) })),
    });
  };

  app.get<{ Params: AreaParams }>(paths.areaPartnerNewPattern, { config: { policy: manage }, schema: hidden }, async (request, reply) =>
    partnerFormPage(reply, request.params.areaCode, { values: {}, districtCodes: [] }),
  );

  app.post<{ Params: AreaParams }>(paths.areaPartnerNewPattern, { config: { policy: manage }, schema: hidden }, async (request, reply) => {
    const { areaCode } = request.params;
    const form = formOf(request.body);
    const districtCodes = checkedValues(request.body, 'districtCodes');
    const result = await handleForm(
      () => partnership.registerPartner(callerOf(request), areaCode, partnerInputOf(form, districtCodes)),
      (errors, status) => partnerFormPage(reply, areaCode, { values: form, districtCodes, errors, status }),
    );
    return result.ok ? reply.redirect(paths.area(areaCode), 303) : reply;
  });

  app.get<{ Params: PartnerParams }>(
    paths.areaPartnerEditPattern,
    { config: { policy: manage }, schema: hidden },
    async (request, reply) => {
      const { areaCode, partnerId } = request.params;
      const partner = await partnership.findPartner(areaCode, partnerId);
      return partnerFormPage(reply, areaCode, { partnerId, values: formOfPartner(partner), districtCodes: partner.districtCodes });
    },
  );

  app.post<{ Params: PartnerParams }>(
    paths.areaPartnerEditPattern,
    { config: { policy: manage }, schema: hidden },
    async (request, reply) => {
      const { areaCode, partnerId } = request.params;
      const form = formOf(request.body);
      const districtCodes = checkedValues(request.body, 'districtCodes');
      const result = await handleForm(
        () => partnership.changePartner(callerOf(request), areaCode, partnerId, partnerInputOf(form, districtCodes)),
        (errors, status) => partnerFormPage(reply, areaCode, { partnerId, values: form, districtCodes, errors, status }),
      );
      return result.ok ? reply.redirect(paths.area(areaCode), 303) : reply;
    },
  );

  const closePage = async (reply: FastifyReply, params: PartnerParams, values: Form = {}, errors?: FormErrors, status = 200) => {
    const partner = await partnership.findPartner(params.areaCode, params.partnerId);
    return reply.code(status).render('partnership/views/partner-close.njk', {
      pageTitle: `Close ${partner.name}`,
      partner,
      action: paths.areaPartnerClose(params.areaCode, params.partnerId),
      back: paths.area(params.areaCode),
      values,
      errors,
    });
  };

  app.get<{ Params: PartnerParams }>(
    paths.areaPartnerClosePattern,
    { config: { policy: manage }, schema: hidden },
    async (request, reply) => closePage(reply, request.params),
  );

  app.post<{ Params: PartnerParams }>(
    paths.areaPartnerClosePattern,
    { config: { policy: manage }, schema: hidden },
    async (request, reply) => {
      const { areaCode, partnerId } = request.params;
      const form = formOf(request.body);
      const result = await handleForm(
        () => partnership.closePartner(callerOf(request), areaCode, partnerId, dateParts(form, 'closedOn')),
        (errors, status) => closePage(reply, request.params, form, errors, status),
        { dates: ['closedOn'] },
      );
      return result.ok ? reply.redirect(paths.area(areaCode), 303) : reply;
    },
  );

  const deletePage = async (reply: FastifyReply, params: PartnerParams, errors?: FormErrors, status = 200) => {
    const partner = await partnership.findPartner(params.areaCode, params.partnerId);
    return reply.code(status).render('partnership/views/partner-delete.njk', {
      pageTitle: `Delete ${partner.name}`,
      partner,
      action: paths.areaPartnerDelete(params.areaCode, params.partnerId),
      closeLink: paths.areaPartnerClose(params.areaCode, params.partnerId),
      back: paths.area(params.areaCode),
      errors,
    });
  };

  app.get<{ Params: PartnerParams }>(
    paths.areaPartnerDeletePattern,
    { config: { policy: manage }, schema: hidden },
    async (request, reply) => deletePage(reply, request.params),
  );

  app.post<{ Params: PartnerParams }>(
    paths.areaPartnerDeletePattern,
    { config: { policy: manage }, schema: hidden },
    async (request, reply) => {
      const { areaCode, partnerId } = request.params;
      const result = await handleForm(
        () => partnership.deletePartner(callerOf(request), areaCode, partnerId),
        (errors, status) => deletePage(reply, request.params, errors, status),
      );
      return result.ok ? reply.redirect(paths.area(areaCode), 303) : reply;
    },
  );
}
