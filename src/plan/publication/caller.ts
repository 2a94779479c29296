import type { RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';

/** Who changes the plan's publication, and the request they do it in (for the audit trail). */
export interface PublicationCaller {
  user: User;
  ctx: RequestContext;
}

/** A plain-text field as typed: line ends made one, composed (NFC, so Welsh and Urdu letters compare as typed), trimmed. */
export const textOf = (v: unknown): string => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').normalize('NFC').trim() : '');
