import type { FastifyInstance } from 'fastify';
import { formOf, handleForm, pageRenderer, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import { CHANNEL_LABELS, CHANNELS, EVENT_WORDS, type Channel } from './events.js';
import type { NotificationService, PreferenceView } from './service.js';

const page = pageRenderer('notifications/views', { eventWords: EVENT_WORDS, channelLabels: CHANNEL_LABELS });

/** The radios of each kind of event, checked as the user chose (or as they just sent, after an error). */
function preferenceGroups(preferences: PreferenceView[], form: Form | undefined) {
  return preferences.map((p) => {
    const chosen: string | undefined = form ? form[p.event] : p.channel;
    return {
      event: p.event,
      label: p.label,
      items: CHANNELS.values.map((value: Channel) => ({ value, text: CHANNEL_LABELS[value], checked: chosen === value })),
    };
  });
}

export async function notificationRoutes(app: FastifyInstance, { notifications }: { notifications: NotificationService }): Promise<void> {
  const use = pageRoute('notifications.use');

  app.get(paths.notifications, use, async (request, reply) => {
    const { user } = signedIn(request);
    const list = await notifications.list(user);
    return page(reply, 'list.njk', { pageTitle: 'Notifications', notifications: list, unread: list.some((n) => n.readAt === null) });
  });

  // Opening a notice marks it read and goes where it leads; what is there is checked again when it opens.
  app.post<{ Params: { id: string } }>(paths.notificationOpen(':id'), use, async (request, reply) => {
    const { user } = signedIn(request);
    return reply.redirect(await notifications.open(user, request.params.id, request.context), 303);
  });

  app.post(paths.notificationsReadAll, use, async (request, reply) => {
    await notifications.markAllRead(signedIn(request).user, request.context);
    return reply.redirect(paths.notifications, 303);
  });

  const settings = async (
    reply: Parameters<typeof page>[0],
    user: Parameters<typeof notifications.preferences>[0],
    form?: Form,
    errors?: FormErrors,
    status = 200,
  ) =>
    page(
      reply,
      'settings.njk',
      { pageTitle: 'How you are told', groups: preferenceGroups(await notifications.preferences(user), form), errors },
      status,
    );

  app.get(paths.notificationSettings, use, async (request, reply) => settings(reply, signedIn(request).user));

  app.post(paths.notificationSettings, use, async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => notifications.setPreferences(user, form, request.context),
      (errors, status) => settings(reply, user, form, errors, status),
      { hrefs: Object.fromEntries(Object.keys(EVENT_WORDS).map((event) => [event, `${event.replace('.', '-')}`])) },
    );
    if (!result.ok) return reply;
    return reply.redirect(paths.notifications, 303);
  });

  app.get(paths.mailOutbox, pageRoute('mail.outbox'), async (_request, reply) =>
    page(reply, 'outbox.njk', { pageTitle: 'Mail outbox', mails: await notifications.outbox() }),
  );
}
