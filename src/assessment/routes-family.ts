import type { FastifyInstance } from 'fastify';
import { formatDateTime } from '../platform/dates.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import type { AssessmentServices } from './index.js';
import { allow, show } from './routes-forms.js';

/**
 * The team around the family (issue 14, families and siblings; 004 para 198): each child of the
 * household the viewer may see, their open assessment and lead professional, and the practitioners
 * of those teams, each once however many of the children they work with. Shown under the viewer's
 * grant to the child's record (ADR 0013), as the household page is; without one, the record's
 * address asks why. The read is audited in the service.
 */
export async function familyPageRoutes(app: FastifyInstance, { assessment }: { assessment: AssessmentServices }): Promise<void> {
  app.get<{ Params: { childId: string } }>(paths.childFamilyTeam(':childId'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { childId } = request.params;
    const family = await assessment.family.teamAroundTheFamily(user, childId, request.context);
    if (!family) return reply.redirect(paths.child(childId), 303);
    const [first] = family.children;
    return show(reply, 'family-team.njk', {
      pageTitle: `Team around the family: ${first?.child.displayName ?? ''}`,
      childId: family.childId,
      childName: first?.child.displayName ?? '',
      reason: family.reason,
      children: family.children.map((c) => ({
        ...c,
        startedText: c.openAssessment ? formatDateTime(c.openAssessment.startedAt) : '',
      })),
      team: family.team,
    });
  });
}
