import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Timestamp, Uuid } from '../platform/schema.js';
import { CHANNELS, EVENTS } from './events.js';

/** One notice to its user (ADR 0008: the entity once, as a schema; pages and the API read the same). */
export const Notification = Type.Object(
  {
    id: Uuid,
    event: EVENTS.schema({ description: 'The kind of event' }),
    title: Type.String({ description: 'Names the kind of event, never a child' }),
    link: Type.String({ description: 'A path of the service: where to sign in and see' }),
    createdAt: Timestamp,
    readAt: Nullable(Timestamp),
  },
  { $id: 'Notification' },
);
export type Notification = Static<typeof Notification>;

/** A user's channel for one kind of event: in the service only (the default) or by email as well. */
export const Preference = Type.Object(
  {
    event: EVENTS.schema(),
    label: Type.String({ description: 'What the preferences page calls this kind of event' }),
    channel: CHANNELS.schema(),
  },
  { $id: 'NotificationPreference' },
);
export type Preference = Static<typeof Preference>;
