import type { FastifyInstance } from 'fastify';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import { streamPdf } from '../platform/pdf.js';
import type { AssessmentServices } from './index.js';
import { allow, isUuid } from './routes-forms.js';
import { notFound } from '../platform/errors.js';

/** Printable copies of an assessment (ADR 0014): the family's copy, a PDF streamed as it is drawn. */

type IdParams = { Params: { id: string } };

export async function printPageRoutes(app: FastifyInstance, { assessment }: { assessment: AssessmentServices }): Promise<void> {
  app.get<IdParams>(paths.assessmentFamilyCopy(':id'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    if (!isUuid(request.params.id)) throw notFound('assessment');
    const areaName = request.brand?.name ?? 'Children’s Trust';
    const printable = await assessment.print.familyCopy(user, request.params.id, areaName, request.context);
    const { stream } = streamPdf(printable);
    return reply.type('application/pdf').header('content-disposition', 'inline; filename="assessment-for-the-family.pdf"').send(stream);
  });
}
