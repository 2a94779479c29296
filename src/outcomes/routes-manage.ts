import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../platform/auth/repository.js';
import { formOf, checkedValues, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import { can } from '../platform/policy.js';
import type { OutcomeServices } from './index.js';
import { allow, selectItems, show } from './routes-helpers.js';
import { FREQUENCIES, POLARITIES, UNITS } from './service.js';

/**
 * The pages that change what the area holds (issue 5 items 3-4): choosing statistical neighbours,
 * adding a local indicator (importing a published table: routes-import.ts). POST-redirect-GET; a refused form is
 * shown again with an error summary and the user's input.
 */
export async function outcomeManagePageRoutes(app: FastifyInstance, { outcomes }: { outcomes: OutcomeServices }): Promise<void> {
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
