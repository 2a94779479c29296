import { auditWithClock, type RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { Clock } from '../platform/clock.js';
import type { Db, Tx } from '../platform/db.js';
import { notFound, FieldErrors } from '../platform/errors.js';
import { isUuid } from '../platform/ids.js';
import { CHANNEL_LABELS, CHANNELS, EVENT_TYPES, EVENT_WORDS, isChannel, isEventType, type Channel, type EventType } from './events.js';
import * as outbox from './outbox-repository.js';
import * as repo from './repository.js';
import type { Notification, Preference } from './types.js';

/** The page's list: the most recent hundred. */
const LIST_LIMIT = 100;
const OUTBOX_LIMIT = 200;

export type PreferenceView = Preference;

/** A page of the user's notices, with how many they have in all and how many are unread. */
export interface NotificationPage {
  items: Notification[];
  total: number;
  unread: number;
  limit: number;
  offset: number;
}

/** One choice sent through the API: checked here, so it may name any event or channel. */
export interface PreferenceChange {
  event: string;
  channel: string;
}

const channelWords = `one of ${CHANNELS.values.join(', ')}`;

export function notificationService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);

  async function preferences(user: Pick<User, 'id'>): Promise<PreferenceView[]> {
    const chosen = new Map((await repo.listPreferences(db, user.id)).map((p) => [p.event, p.channel]));
    return EVENT_TYPES.map((event) => ({ event, label: EVENT_WORDS[event].label, channel: chosen.get(event) ?? 'in_app' }));
  }

  /**
   * Saves the choices that differ from the user's current ones and audits them in the same
   * transaction, from and to; choices that change nothing write nothing. Pages and the API both come here.
   */
  async function savePreferences(user: User, choices: readonly [EventType, Channel][], ctx: RequestContext): Promise<void> {
    await db.transaction(async (tx: Tx) => {
      const current = new Map((await repo.listPreferences(tx, user.id)).map((p) => [p.event, p.channel]));
      const changes = choices
        .map(([event, channel]) => ({ event, from: current.get(event) ?? 'in_app', to: channel }))
        .filter((c) => c.from !== c.to);
      if (changes.length === 0) return;
      for (const c of changes) await repo.setPreference(tx, user.id, c.event, c.to, clock.now());
      await audit(tx, actorOf(user), ctx, {
        action: 'notification.preferences_changed',
        subject: { type: 'user', id: user.id },
        details: { changes },
      });
    });
  }

  /** Marks one of the user's notices read, audited the first time; someone else's, or none, is not found (never forbidden). */
  async function markRead(user: User, notificationId: string, ctx: RequestContext): Promise<Notification> {
    if (!isUuid(notificationId)) throw notFound('notification');
    return db.transaction(async (tx) => {
      const marked = await repo.markRead(tx, user.id, notificationId, clock.now());
      if (marked === undefined) throw notFound('notification');
      if (marked.newlyRead)
        await audit(tx, actorOf(user), ctx, { action: 'notification.read', subject: { type: 'notification', id: notificationId } });
      return marked.notification;
    });
  }

  return {
    /** The header's number: one cheap query per page. */
    unreadCount: (userId: string) => repo.countUnread(db, userId),

    /** The user's own notices, newest first (the most recent hundred). */
    list: (user: Pick<User, 'id'>) => repo.listNotifications(db, user.id, { limit: LIST_LIMIT, offset: 0 }),

    /** A page of the user's own notices, newest first, with the total and the unread count (one snapshot). */
    page: (user: Pick<User, 'id'>, page: { limit: number; offset: number }): Promise<NotificationPage> =>
      db.transaction(async (tx) => {
        const items = await repo.listNotifications(tx, user.id, page);
        return { items, ...(await repo.countNotifications(tx, user.id)), ...page };
      }),

    markRead,

    /** Marks one of the user's notices read and gives back where it leads. */
    open: async (user: User, notificationId: string, ctx: RequestContext): Promise<string> =>
      (await markRead(user, notificationId, ctx)).link,

    /** Marks all the user's unread notices read, audited with their ids; gives back how many. */
    markAllRead: (user: User, ctx: RequestContext): Promise<number> =>
      db.transaction(async (tx) => {
        const ids = await repo.markAllRead(tx, user.id, clock.now());
        if (ids.length > 0)
          await audit(tx, actorOf(user), ctx, {
            action: 'notification.all_read',
            subject: { type: 'user', id: user.id },
            details: { count: ids.length, notificationIds: ids },
          });
        return ids.length;
      }),

    /** Every kind of event with the user's channel for it (in the service only, unless they chose email). */
    preferences,

    /** The page's form: every kind of event must be answered with a known channel (the field is the event). */
    async setPreferences(user: User, form: Record<string, string | undefined>, ctx: RequestContext): Promise<void> {
      const errors = new FieldErrors();
      const choices: [EventType, Channel][] = [];
      for (const event of EVENT_TYPES) {
        const value = form[event];
        if (isChannel(value)) choices.push([event, value]);
        else errors.add(event, 'one_of', `Choose how to be told when: ${EVENT_WORDS[event].label.toLowerCase()}`);
      }
      errors.throwIfAny();
      await savePreferences(user, choices, ctx);
    },

    /**
     * The API's: a channel for some kinds of event, the others left as they are. Each event and
     * channel must be known, and each event named once; the field is `preferences[i].event` or `.channel`.
     */
    async changePreferences(user: User, changes: readonly PreferenceChange[], ctx: RequestContext): Promise<PreferenceView[]> {
      const errors = new FieldErrors();
      if (changes.length === 0) errors.add('preferences', 'required', 'Give at least one kind of event and its channel');
      const choices: [EventType, Channel][] = [];
      const named = new Set<string>();
      changes.forEach(({ event, channel }, i) => {
        const at = `preferences[${i}]`;
        if (!isEventType(event)) errors.add(`${at}.event`, 'one_of', `Kind of event ${i + 1}: must be one of ${EVENT_TYPES.join(', ')}`);
        else if (named.has(event)) errors.add(`${at}.event`, 'duplicate', `Kind of event ${i + 1}: ${event} is named more than once`);
        named.add(event);
        if (!isChannel(channel)) errors.add(`${at}.channel`, 'one_of', `Channel ${i + 1}: must be ${channelWords}`);
        if (isEventType(event) && isChannel(channel)) choices.push([event, channel]);
      });
      errors.throwIfAny();
      await savePreferences(user, choices, ctx);
      return preferences(user);
    },

    /** The operator's page: every message, newest first, with its status, attempts and last error. */
    outbox: () => outbox.listOutbox(db, OUTBOX_LIMIT),
  };
}

export type NotificationService = ReturnType<typeof notificationService>;

export const channelOptions = CHANNELS.values.map((value) => ({ value, text: CHANNEL_LABELS[value] }));
