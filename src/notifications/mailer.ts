import nodemailer from 'nodemailer';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import * as outbox from './outbox-repository.js';

/** What the sender needs of a mail server: one message at a time, a rejection thrown. */
export interface MailTransport {
  send(mail: { from: string; to: string; subject: string; text: string }): Promise<void>;
  close(): void;
}

/** A real SMTP server, named by SMTP_URL (smtp://user:pass@host:port, or smtps:// for TLS from the start). */
export function smtpTransport(smtpUrl: string): MailTransport {
  // Short timeouts: a server that hangs must not hold the sender; the message is tried again later.
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(mail) {
      await transporter.sendMail(mail);
    },
    close: () => transporter.close(),
  };
}

/** After this many failed attempts a message is abandoned, and stays on the operator's page with its last error. */
export const MAX_ATTEMPTS = 12;
const FIRST_RETRY_SECONDS = 60;
const LONGEST_WAIT_SECONDS = 6 * 60 * 60;
const BATCH = 20;
const LEASE_SECONDS = 120;

/** Exponential backoff: one minute after the first failure, doubling, at most six hours. */
export function retryDelaySeconds(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_SECONDS * 2 ** Math.max(0, failedAttempts - 1), LONGEST_WAIT_SECONDS);
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 500);
  const { code, responseCode } = error as Error & { code?: string; responseCode?: number };
  const tags = [code, responseCode].filter((x) => x !== undefined).join(' ');
  return `${tags ? `${tags}: ` : ''}${error.message}`.slice(0, 500);
}

export interface MailSenderOptions {
  db: Db;
  /** None when SMTP_URL is unset (the demo): mail stays in the outbox, for the operator's page. */
  transport: MailTransport | undefined;
  from: string;
  /** The service's address, put before each message's link. */
  publicUrl: string;
  clock: Clock;
}

export function mailSender({ db, transport, from, publicUrl, clock }: MailSenderOptions) {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    /** Sends what is due, once; each message's outcome is written as soon as it is known. */
    async sendDue(): Promise<{ sent: number; failed: number }> {
      if (!transport) return { sent: 0, failed: 0 };
      const due = await db.transaction((tx) => outbox.claimDueMail(tx, clock.now(), BATCH, LEASE_SECONDS));
      let sent = 0;
      let failed = 0;
      for (const mail of due) {
        try {
          await transport.send({ from, to: mail.to, subject: mail.subject, text: `${mail.bodyText}\n\n${base}${mail.link}\n` });
          await outbox.markMailSent(db, mail.id, clock.now());
          sent++;
        } catch (error) {
          const attempts = mail.attempts + 1;
          const next = attempts >= MAX_ATTEMPTS ? null : new Date(clock.now().getTime() + retryDelaySeconds(attempts) * 1000);
          await outbox.markMailFailed(db, mail.id, describeError(error), next);
          failed++;
        }
      }
      return { sent, failed };
    },
  };
}

export type MailSender = ReturnType<typeof mailSender>;
