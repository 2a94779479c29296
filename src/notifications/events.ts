import { defineEnum, type EnumValue } from '../platform/enums.js';
/**
 * The kinds of event a user can be told about (issue 13 item 7), once: their words in the service
 * and in email. The words name the kind of event only, never a child or any detail of one: an email
 * leaves the service, so it says what happened and links to sign in and see.
 */
export const EVENT_TYPES = [
  'referral.received',
  'referral.overdue',
  'referral.decided',
  'action.due',
  'team.member_added',
  'consent.withdrawn',
  'shielding.requested',
  'training.lapsing',
  'safeguarding.audit_chased',
  'governance.action_overdue',
] as const;
export const EVENTS = defineEnum(EVENT_TYPES);
export type EventType = EnumValue<typeof EVENTS>;
export const isEventType = EVENTS.is;

export interface EventWords {
  /** What the preferences page calls this kind of event. */
  label: string;
  /** The title of the notice and the subject of its email. */
  title: string;
}

export const EVENT_WORDS: Record<EventType, EventWords> = {
  'referral.received': { label: 'A referral sent to my organisation', title: 'A referral has been sent to your organisation' },
  'referral.overdue': {
    label: 'A referral to my service is past its acknowledgement date',
    title: 'A referral to your service is past its acknowledgement date',
  },
  'referral.decided': {
    label: 'A referral I sent is acknowledged or decided, or a child is allocated to me',
    title: 'A referral you sent has a reply',
  },
  'action.due': { label: 'An action of mine is due or overdue', title: 'An action you own is due' },
  'team.member_added': { label: 'Someone joins a team around a child I work with', title: 'A new member has joined a team you are on' },
  'consent.withdrawn': {
    label: 'Consent is withdrawn on an assessment I work on',
    title: 'Consent has been withdrawn on an assessment you work on',
  },
  'shielding.requested': { label: 'A shielding request awaits my decision', title: 'A shielding request is waiting for your decision' },
  'training.lapsing': { label: 'My training or vetting is about to lapse', title: 'Your training or vetting is about to lapse' },
  'safeguarding.audit_chased': {
    label: 'The LSCB chases my agency’s section 11 audit',
    title: 'The LSCB has chased your agency’s section 11 audit',
  },
  'governance.action_overdue': {
    label: 'An action set at a board or group meeting that I own, chair or support is overdue',
    title: 'An action set at a partnership meeting is overdue',
  },
};

export const CHANNELS = defineEnum(['in_app', 'email']);
export type Channel = EnumValue<typeof CHANNELS>;
export const isChannel = CHANNELS.is;

export const CHANNEL_LABELS: Record<Channel, string> = {
  in_app: 'In this service only',
  email: 'In this service and by email',
};

/**
 * The email's text: the kind of event and nothing else. The sender appends the link's full address
 * (mail_outbox.link), so the body is the same whatever address the service runs at.
 */
export function emailBody(event: EventType): string {
  return [
    `${EVENT_WORDS[event].title}.`,
    '',
    "For the details, sign in to the Children's Trust Platform. This email does not say who it is about, by design.",
    '',
    'You chose to be told about this by email. To change how you are told, sign in and open Notifications, then Settings.',
  ].join('\n');
}
