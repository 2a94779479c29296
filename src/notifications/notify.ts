import type { Tx } from '../platform/db.js';
import { emailBody, EVENT_WORDS, type EventType } from './events.js';
import * as repo from './repository.js';
import type { Recipients } from './repository.js';

export type { Recipients } from './repository.js';

export type NotifyInput = Recipients & {
  event: EventType;
  /** A path of the service (paths.referral(id)): where the person signs in and sees. */
  link: string;
  /**
   * The notice's title in the service; the event's own words when left out. Never a child's name
   * or details. The email never carries it: its subject and body are the event's words only.
   */
  title?: string;
  /** Someone not to tell: the person whose action raised the event. */
  exceptUserId?: string;
  /** What a periodic notice is about (a referral id): each person is told once about it. */
  about?: string;
  /** When it happened; the database's time when left out. */
  at?: Date;
};

/**
 * Tells people about an event, in the event's own transaction: each recipient gets a notice in the
 * service, and those who chose email for this kind of event get a message in the outbox, which the
 * sender delivers. A rolled-back event therefore tells nobody, and a mail server that is down loses
 * nothing. Returns how many people were told.
 */
export async function notify(tx: Tx, input: NotifyInput): Promise<number> {
  const words = EVENT_WORDS[input.event];
  const recipients = await repo.findRecipients(tx, input, input.event, input.exceptUserId ?? null);
  let told = 0;
  for (const r of recipients) {
    const notificationId = await repo.insertNotification(tx, {
      userId: r.userId,
      areaCode: r.areaCode,
      event: input.event,
      title: input.title ?? words.title,
      link: input.link,
      about: input.about ?? null,
      createdAt: input.at ?? null,
    });
    if (notificationId === undefined) continue;
    told++;
    if (r.channel === 'email') {
      await repo.insertMail(tx, {
        areaCode: r.areaCode,
        notificationId,
        to: r.email,
        subject: words.title,
        bodyText: emailBody(input.event),
        link: input.link,
        createdAt: input.at ?? null,
      });
    }
  }
  return told;
}
