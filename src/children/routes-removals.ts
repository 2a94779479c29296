import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../platform/errors.js';
import { formOf, handleForm, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import type { ChildServices } from './index.js';
import { refuseCurrentName } from './removals/service.js';
import { isUuid } from '../platform/ids.js';
import { readReason, show, showReasonPage, versionOf, withReason } from './routes-forms.js';
import type { Carer, ChildDetails, ChildName } from './types.js';

/**
 * Removing a parent or carer, or a previous or other name: GOV.UK's "are you sure" pattern. As with
 * editing, the record is opened with a reason (audited like any view); the confirmation page names
 * what goes and carries the version it was read at, so a removal based on an older copy is refused
 * and the page shown again as the record is now.
 */

const allow = pageRoute;
const QUESTION = 'Why are you changing this record?';

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
    const result = await handleForm(
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

  /** The three routes of one kind of removal: the reason page, opening the record to confirm, and the removal. */
  function removalRoutes(kind: {
    what: string;
    itemParam: 'carerId' | 'nameId';
    paths: { remove: (childId: string, itemId: string) => string; open: (childId: string, itemId: string) => string };
    confirmation: (child: ChildDetails, itemId: string) => Confirmation | undefined;
    remove: ChildServices['removals']['removeCarer'];
    done: string;
  }): void {
    type Params = { Params: Record<'childId' | typeof kind.itemParam, string> };
    const ids = (request: FastifyRequest<Params>) => ({ childId: request.params.childId, itemId: request.params[kind.itemParam] });
    const confirm = (request: FastifyRequest<Params>, reply: FastifyReply, page: { errors?: FormErrors; status?: number } = {}) => {
      const { childId, itemId } = ids(request);
      const open = { childId, reasonAction: kind.paths.open(childId, itemId), what: kind.what };
      return confirmPage(request, reply, open, (child) => kind.confirmation(child, itemId), page);
    };
    const [removePath, openPath] = [kind.paths.remove(':childId', `:${kind.itemParam}`), kind.paths.open(':childId', `:${kind.itemParam}`)];

    app.get<Params>(removePath, allow('children.edit'), async (request, reply) => {
      const { childId, itemId } = ids(request);
      if (!isUuid(childId) || !isUuid(itemId)) throw notFound(kind.what);
      return showReasonPage(reply, { action: kind.paths.open(childId, itemId), heading: QUESTION });
    });

    app.post<Params>(openPath, allow('children.edit'), async (request, reply) => confirm(request, reply));

    app.post<Params>(removePath, allow('children.edit'), async (request, reply) => {
      const { user } = signedIn(request);
      const { childId, itemId } = ids(request);
      const version = versionOf(formOf(request.body));
      const result = await handleForm(
        () => kind.remove(user, childId, itemId, version, request.context),
        (errors, status) => confirm(request, reply, { errors, status }),
      );
      return result.ok ? reply.redirect(`${paths.child(childId)}?done=${kind.done}`, 303) : reply;
    });
  }

  removalRoutes({
    what: 'parent or carer',
    itemParam: 'carerId',
    paths: { remove: paths.childCarerRemove, open: paths.childCarerRemoveOpen },
    confirmation: (child, carerId) => {
      const carer = child.carers.find((c) => c.id === carerId);
      return carer && carerConfirmation(child.id, carer);
    },
    remove: children.removals.removeCarer,
    done: 'carer-removed',
  });

  removalRoutes({
    what: 'name',
    itemParam: 'nameId',
    paths: { remove: paths.childNameRemove, open: paths.childNameRemoveOpen },
    confirmation: (child, nameId) => {
      const name = child.names.find((n) => n.id === nameId);
      if (name) refuseCurrentName(name);
      return name && nameConfirmation(child.id, name);
    },
    remove: children.removals.removeName,
    done: 'name-removed',
  });
}
