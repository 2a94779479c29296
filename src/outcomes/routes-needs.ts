import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../platform/auth/repository.js';
import { notFound } from '../platform/errors.js';
import { formOf, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import { can } from '../platform/policy.js';
import { formatNumber } from './analysis-format.js';
import type { OutcomeServices } from './index.js';
import { NEED_LEVELS, type NeedLevel, type NeedsLevelRecord } from './planning-repository.js';
import { allow, dashboardCells, dashboardHead, show } from './routes-helpers.js';
import { OutcomeParams } from './schemas.js';

/**
 * The needs assessment (issue 5 item 8; 000 §2.32): an overview with children and funding at each
 * level of need (004 Table 4.1), and a page per outcome gathering its indicators, the gaps for
 * groups and the planner's narrative, ready for the Children and Young People's Plan to cite.
 */

const fieldOf = (level: NeedLevel) => level.replace('/', '-');
const count = (n: number | null) => (n === null ? 'not known' : formatNumber(n, 0));
const pounds = (n: number | null) => (n === null ? 'not known' : `£${formatNumber(n, 0)}`);

/** Rows of the levels table: one per year, a column pair per level. */
function levelRows(records: NeedsLevelRecord[]) {
  const years = [...new Set(records.map((r) => r.yearLabel))];
  return years.map((year) => [
    { text: year },
    ...NEED_LEVELS.flatMap((level) => {
      const r = records.find((x) => x.yearLabel === year && x.level === level);
      return [
        { text: count(r?.children ?? null), format: 'numeric' },
        { text: pounds(r?.fundingPounds ?? null), format: 'numeric' },
      ];
    }),
  ]);
}

export async function outcomeNeedsPageRoutes(app: FastifyInstance, { outcomes }: { outcomes: OutcomeServices }): Promise<void> {
  app.get(paths.outcomesNeeds, allow('outcomes.view'), async (request, reply) => {
    const { user } = signedIn(request);
    const [framework, narratives, levels] = await Promise.all([
      outcomes.catalogue.framework(user.areaCode),
      outcomes.planning.narratives(user.areaCode),
      outcomes.planning.needsLevels(user.areaCode),
    ]);
    return show(reply, 'needs.njk', {
      pageTitle: 'Needs assessment',
      outcomes: framework.map((o) => ({
        name: o.everydayName,
        href: paths.outcomesNeedsOutcome(o.code),
        indicators: new Set(o.aims.flatMap((a) => a.indicators.map((i) => i.code))).size,
        hasNarrative: narratives.some((n) => n.outcomeCode === o.code && n.narrative !== ''),
      })),
      levelHead: [
        { text: 'Year' },
        ...NEED_LEVELS.flatMap((l) => [
          { text: `${l}: children`, format: 'numeric' },
          { text: `${l}: funding`, format: 'numeric' },
        ]),
      ],
      levelRows: levelRows(levels),
      canManage: can(user, 'outcomes.manage'),
    });
  });

  const levelsPage = async (reply: FastifyReply, values: Form, errors?: FormErrors, status = 200) =>
    show(
      reply,
      'needs-levels.njk',
      {
        pageTitle: 'Children and funding at each level of need',
        values,
        levels: NEED_LEVELS.map((l) => ({ level: l, field: fieldOf(l) })),
        errors,
      },
      status,
    );

  app.get(paths.outcomesNeedsLevels, allow('outcomes.manage'), async (_request, reply) => levelsPage(reply, {}));

  app.post(paths.outcomesNeedsLevels, allow('outcomes.manage'), async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const levels = Object.fromEntries(
      NEED_LEVELS.map((l) => [l, { children: form[`${fieldOf(l)}-children`], fundingPounds: form[`${fieldOf(l)}-funding`] }]),
    );
    const result = await handleForm(
      () => outcomes.planning.setNeedsLevels(user, { yearLabel: form.yearLabel, levels }, request.context),
      (errors, status) => levelsPage(reply, form, errors, status),
    );
    return result.ok ? reply.redirect(`${paths.outcomesNeeds}?done=levels`, 303) : reply;
  });

  const outcomePage = async (
    reply: FastifyReply,
    user: User,
    outcomeCode: string,
    form?: { values: Form; errors: FormErrors },
    status = 200,
  ) => {
    const [dashboard, narratives, framework] = await Promise.all([
      outcomes.dashboard.dashboard(user.areaCode, outcomeCode),
      outcomes.planning.narratives(user.areaCode),
      outcomes.catalogue.framework(user.areaCode),
    ]);
    const outcome = framework.find((o) => o.code === outcomeCode);
    const section = dashboard.outcomes[0];
    if (!outcome || !section) throw notFound('outcome');
    const narrative = narratives.find((n) => n.outcomeCode === outcomeCode);
    return show(
      reply,
      'needs-outcome.njk',
      {
        pageTitle: `Needs assessment: ${outcome.everydayName}`,
        outcome,
        head: dashboardHead(false),
        rows: section.rows.map((r) => dashboardCells(r, paths.outcomesIndicator(r.code), user.areaName, false)),
        narrative,
        narrativeText: form?.values.narrative ?? narrative?.narrative ?? '',
        action: paths.outcomesNeedsOutcome(outcomeCode),
        canManage: can(user, 'outcomes.manage'),
        errors: form?.errors,
      },
      status,
    );
  };

  app.get<{ Params: OutcomeParams }>(
    paths.outcomesNeedsOutcomePattern,
    allow('outcomes.view', { params: OutcomeParams }),
    async (request, reply) => outcomePage(reply, signedIn(request).user, request.params.outcomeCode),
  );

  app.post<{ Params: OutcomeParams }>(
    paths.outcomesNeedsOutcomePattern,
    allow('outcomes.manage', { params: OutcomeParams }),
    async (request, reply) => {
      const { user } = signedIn(request);
      const form = formOf(request.body);
      const { outcomeCode } = request.params;
      const result = await handleForm(
        () => outcomes.planning.setNarrative(user, outcomeCode, form.narrative, request.context),
        (errors, status) => outcomePage(reply, user, outcomeCode, { values: form, errors }, status),
      );
      return result.ok ? reply.redirect(`${paths.outcomesNeedsOutcome(outcomeCode)}?done=narrative`, 303) : reply;
    },
  );
}
