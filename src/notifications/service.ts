import type { User } from '../platform/auth/repository.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { notFound, FieldErrors } from '../platform/errors.js';
import { CHANNEL_LABELS, CHANNELS, EVENT_TYPES, EVENT_WORDS, isChannel, type Channel, type EventType } from './events.js';
import * as outbox from './outbox-repository.js';
import * as repo from './repository.js';

const LIST_LIMIT = 100;
const OUTBOX_LIMIT = 200;

export interface PreferenceView {
  event: EventType;
  label: string;
  channel: Channel;
}

export function notificationService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    /** The header's number: one cheap query per page. */
    unreadCount: (userId: string) => repo.countUnread(db, userId),

    /** The user's own notices, newest first (the most recent hundred). */
    list: (user: Pick<User, 'id'>) => repo.listNotifications(db, user.id, LIST_LIMIT),

    /** Marks one of the user's notices read and gives back where it leads; someone else's is not found. */
    async open(user: User, notificationId: string): Promise<string> {
      if (!/^[0-9a-f-]{36}$/i.test(notificationId)) throw notFound('notification');
      const link = await db.transaction((tx) => repo.markRead(tx, user.id, notificationId, clock.now()));
      if (link === undefined) throw notFound('notification');
      return link;
    },

    markAllRead: (user: User) => db.transaction((tx) => repo.markAllRead(tx, user.id, clock.now())),

    /** Every kind of event with the user's channel for it (in the service only, unless they chose email). */
    async preferences(user: User): Promise<PreferenceView[]> {
      const chosen = new Map((await repo.listPreferences(db, user.id)).map((p) => [p.event, p.channel]));
      return EVENT_TYPES.map((event) => ({ event, label: EVENT_WORDS[event].label, channel: chosen.get(event) ?? 'in_app' }));
    },

    /** Saves a channel for every kind of event; each must be answered with a known channel. */
    async setPreferences(user: User, form: Record<string, string | undefined>): Promise<void> {
      const errors = new FieldErrors();
      const choices: [EventType, Channel][] = [];
      for (const event of EVENT_TYPES) {
        const value = form[event];
        if (isChannel(value)) choices.push([event, value]);
        else errors.add(event, 'one_of', `Choose how to be told when: ${EVENT_WORDS[event].label.toLowerCase()}`);
      }
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        for (const [event, channel] of choices) await repo.setPreference(tx, user.id, event, channel, clock.now());
      });
    },

    /** The operator's page: every message, newest first, with its status, attempts and last error. */
    outbox: () => outbox.listOutbox(db, OUTBOX_LIMIT),
  };
}

export type NotificationService = ReturnType<typeof notificationService>;

export const channelOptions = CHANNELS.values.map((value) => ({ value, text: CHANNEL_LABELS[value] }));
