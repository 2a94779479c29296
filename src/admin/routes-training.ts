import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../platform/auth/repository.js';
import { formatDate } from '../platform/dates.js';
import { dateParts, formOf, handleForm, pageRenderer, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import type { TrainingService } from './service.js';
import { DUE_WITHIN_DAYS, TRAINING_KIND_LABELS, TRAINING_KINDS } from './training.js';

/** Recording a user's training or vetting, and the manager's list of whose is due or lapsed (issue 13 item 3). */

const page = pageRenderer('admin/views');
type UserParams = { Params: { userId: string } };

const STATUS_WORDS = { lapsed: 'Lapsed', due: 'Due', missing: 'Never recorded' } as const;

export async function adminTrainingRoutes(app: FastifyInstance, { training }: { training: TrainingService }): Promise<void> {
  const allow = pageRoute('users.training');

  const newPage = (reply: FastifyReply, user: User, values: Form, errors?: FormErrors, status = 200) =>
    page(
      reply,
      'training-new.njk',
      {
        pageTitle: `Record training or a check: ${user.displayName}`,
        user,
        values,
        errors,
        kinds: TRAINING_KINDS.values.map((k) => ({ value: k, text: TRAINING_KIND_LABELS[k], checked: values.kind === k })),
      },
      status,
    );

  app.get<UserParams>(paths.adminUserTrainingNew(':userId'), allow, async (request, reply) => {
    const user = await training.find(signedIn(request).user, request.params.userId);
    return newPage(reply, user, {});
  });

  app.post<UserParams>(paths.adminUserTrainingNew(':userId'), allow, async (request, reply) => {
    const { user: actor } = signedIn(request);
    const user = await training.find(actor, request.params.userId);
    const form = formOf(request.body);
    const result = await handleForm(
      () =>
        training.record(
          actor,
          user.id,
          { kind: form.kind, completedOn: dateParts(form, 'completedOn'), expiresOn: dateParts(form, 'expiresOn') },
          request.context,
        ),
      (errors, status) => newPage(reply, user, form, errors, status),
      { hrefs: { kind: 'kind' }, dates: ['completedOn', 'expiresOn'] },
    );
    return result.ok ? reply.redirect(`${paths.adminUser(user.id)}?done=training`, 303) : reply;
  });

  app.get(paths.trainingDue, allow, async (request, reply) => {
    const { user } = signedIn(request);
    const due = await training.due(user);
    return page(reply, 'training-due.njk', {
      pageTitle: 'Training and vetting due',
      withinDays: DUE_WITHIN_DAYS,
      scope: user.role === 'practice_manager' ? user.organisationName : user.areaName,
      rows: due.map((d) => ({
        ...d,
        kindLabel: TRAINING_KIND_LABELS[d.kind],
        statusLabel: STATUS_WORDS[d.status],
        expiresOn: d.expiresOn ? formatDate(d.expiresOn) : 'Not recorded',
        href: paths.adminUser(d.userId),
      })),
    });
  });
}
