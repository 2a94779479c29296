import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../platform/errors.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute, type FormErrors } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import type { ChildServices } from './index.js';
import { refuseCurrentName } from './removals.js';
import { formOf, isUuid, readReason, runForm, show, showReasonPage, withReason, type Form } from './routes-forms.js';
import type { Carer, ChildDetails, ChildName } from './types.js';

/**
 * Removing a parent or carer, or a previous or other name: GOV.UK's "are you sure" pattern. As with
 * editing, the record is opened with a reason (audited like any view); the confirmation page names
 * what goes and carries the version it was read at, so a removal based on an older copy is refused
 * and the page shown again as the record is now.
 */

const allow = pageRoute;
const QUESTION = 'Why are you changing this record?';

type CarerParams = { Params: { childId: string; carerId: string } };
type NameParams = { Params: { childId: string; nameId: string } };

const NAME_KINDS: Record<ChildName['kind'], string> = { current: 'current name', previous: 'previous name', alternative: 'other name' };

/** What the confirmation page shows and sends. */
interface Confirmation {
  heading: string;
  rows: { key: { text: string }; value: { text: string } }[];
  warning: string;
  action: string;
  button: string;
}

const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value || 'Not recorded' } });

const versionOf = (form: Form): number => {
  const version = Number.parseInt(form.version ?? '', 10);
  return Number.isInteger(version) ? version : 0;
};

function carerConfirmation(childId: string, carer: Carer): Confirmation {
  return {
    heading: `Are you sure you want to remove ${carer.name} as a parent or carer?`,
    rows: [row('Name', carer.name), row('Relationship', carer.relationship), row('Telephone', carer.phone), row('Email', carer.email)],
    warning: `${carer.name} and their contact details will be removed from this record for everyone who uses the index.`,
    action: paths.childCarerRemove(childId, carer.id),
    button: 'Remove parent or carer',
  };
}

function nameConfirmation(childId: string, name: ChildName): Confirmation {
  const fullName = `${name.givenName} ${name.familyName}`;
  const kind = NAME_KINDS[name.kind];
  return {
    heading: `Are you sure you want to remove the ${kind} ${fullName}?`,
    rows: [row('Name', fullName), row('Kind of name', kind.charAt(0).toUpperCase() + kind.slice(1))],
    warning: `Searches for ${fullName} will no longer find this child.`,
    action: paths.childNameRemove(childId, name.id),
    button: 'Remove name',
  };
}

export async function childRemovalRoutes(app: FastifyInstance, { children }: { children: ChildServices }): Promise<void> {
  /**
   * Opens the record with the reason the form carries (audited, like any view). Undefined when the
   * reason page was shown again with its error instead.
   */
  async function openRecord(
    request: FastifyRequest,
    reply: FastifyReply,
    childId: string,
    reasonAction: string,
  ): Promise<{ child: ChildDetails; reason: string } | undefined> {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const answer = readReason(form);
    const result = await runForm(
      () => withReason(answer, (reason) => children.index.view(user, childId, reason, request.context)),
      (errors, status) => showReasonPage(reply, { action: reasonAction, heading: QUESTION, values: form, errors }, status),
    );
    if (!result.ok) return undefined;
    if (result.value.mergedInto) throw notFound('record');
    return { child: result.value.child, reason: answer.reason };
  }

  /** Opens the record, then asks to confirm removing what `pick` finds in it (`what` is not found when it is not there). */
  async function confirmPage(
    request: FastifyRequest,
    reply: FastifyReply,
    open: { childId: string; reasonAction: string; what: string },
    pick: (child: ChildDetails) => Confirmation | undefined,
    page: { errors?: FormErrors; status?: number } = {},
  ): Promise<FastifyReply> {
    const opened = await openRecord(request, reply, open.childId, open.reasonAction);
    if (!opened) return reply;
    const confirmation = pick(opened.child);
    if (!confirmation) throw notFound(open.what);
    const { child, reason } = opened;
    return show(
      reply,
      'remove.njk',
      {
        pageTitle: confirmation.heading,
        ...confirmation,
        childId: child.id,
        childName: `${child.givenName} ${child.familyName}`,
        version: String(child.version),
        reason,
        errors: page.errors,
      },
      page.status ?? 200,
    );
  }

  // ---- A parent or carer -----------------------------------------------------------------------------

  const carerPage = (request: FastifyRequest<CarerParams>, reply: FastifyReply, page: { errors?: FormErrors; status?: number } = {}) => {
    const { childId, carerId } = request.params;
    return confirmPage(
      request,
      reply,
      { childId, reasonAction: paths.childCarerRemoveOpen(childId, carerId), what: 'parent or carer' },
      (child) => {
        const carer = child.carers.find((c) => c.id === carerId);
        return carer && carerConfirmation(child.id, carer);
      },
      page,
    );
  };

  app.get<CarerParams>(paths.childCarerRemove(':childId', ':carerId'), allow('children.edit'), async (request, reply) => {
    const { childId, carerId } = request.params;
    if (!isUuid(childId) || !isUuid(carerId)) throw notFound('parent or carer');
    return showReasonPage(reply, { action: paths.childCarerRemoveOpen(childId, carerId), heading: QUESTION });
  });

  app.post<CarerParams>(paths.childCarerRemoveOpen(':childId', ':carerId'), allow('children.edit'), async (request, reply) =>
    carerPage(request, reply),
  );

  app.post<CarerParams>(paths.childCarerRemove(':childId', ':carerId'), allow('children.edit'), async (request, reply) => {
    const { user } = signedIn(request);
    const { childId, carerId } = request.params;
    const version = versionOf(formOf(request.body));
    const result = await runForm(
      () => children.removals.removeCarer(user, childId, carerId, version, request.context),
      (errors, status) => carerPage(request, reply, { errors, status }),
    );
    return result.ok ? reply.redirect(`${paths.child(childId)}?done=carer-removed`, 303) : reply;
  });

  // ---- A previous or other name ------------------------------------------------------------------------

  const namePage = (request: FastifyRequest<NameParams>, reply: FastifyReply, page: { errors?: FormErrors; status?: number } = {}) => {
    const { childId, nameId } = request.params;
    return confirmPage(
      request,
      reply,
      { childId, reasonAction: paths.childNameRemoveOpen(childId, nameId), what: 'name' },
      (child) => {
        const name = child.names.find((n) => n.id === nameId);
        if (name) refuseCurrentName(name);
        return name && nameConfirmation(child.id, name);
      },
      page,
    );
  };

  app.get<NameParams>(paths.childNameRemove(':childId', ':nameId'), allow('children.edit'), async (request, reply) => {
    const { childId, nameId } = request.params;
    if (!isUuid(childId) || !isUuid(nameId)) throw notFound('name');
    return showReasonPage(reply, { action: paths.childNameRemoveOpen(childId, nameId), heading: QUESTION });
  });

  app.post<NameParams>(paths.childNameRemoveOpen(':childId', ':nameId'), allow('children.edit'), async (request, reply) =>
    namePage(request, reply),
  );

  app.post<NameParams>(paths.childNameRemove(':childId', ':nameId'), allow('children.edit'), async (request, reply) => {
    const { user } = signedIn(request);
    const { childId, nameId } = request.params;
    const version = versionOf(formOf(request.body));
    const result = await runForm(
      () => children.removals.removeName(user, childId, nameId, version, request.context),
      (errors, status) => namePage(request, reply, { errors, status }),
    );
    return result.ok ? reply.redirect(`${paths.child(childId)}?done=name-removed`, 303) : reply;
  });
}
