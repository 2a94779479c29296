import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { expect } from 'vitest';
import { EVENT_TYPES } from '../../src/notifications/index.js';
import { paths } from '../../src/platform/paths.js';
import type { Agent } from './app.js';

/** One message as the test SMTP server received it: its recipients and its text, quoted-printable undone. */
export interface ReceivedMail {
  to: string[];
  text: string;
}

/**
 * A real SMTP server in this process (smtp-server), recording what it receives. `refusing` makes it
 * answer 451 (mailbox busy) to test retries; `start(port)` can restart it on the port it had.
 */
export function testSmtpServer() {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  const mail = {
    received,
    refusing: false,
    start(port = 0): Promise<number> {
      const smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, session, callback) {
          let raw = '';
          stream.setEncoding('utf8');
          stream.on('data', (chunk: string) => (raw += chunk));
          stream.on('end', () => {
            if (mail.refusing) {
              callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
              return;
            }
            // Undo quoted-printable's soft line breaks and escapes, so the test reads the text as sent.
            const text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
            received.push({ to: session.envelope.rcptTo.map((r) => r.address), text });
            callback();
          });
        },
      });
      server = smtp;
      return new Promise((resolve, reject) => {
        smtp.once('error', reject);
        smtp.listen(port, '127.0.0.1', () => resolve((smtp.server.address() as AddressInfo).port));
      });
    },
    stop: (): Promise<void> => new Promise((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
  return mail;
}

/** The signed-in user chooses email for one event and the service only for every other, on the preferences page. */
export async function chooseEmailFor(agent: Agent, emailed: string): Promise<void> {
  await agent.get(paths.notificationSettings);
  const choices = Object.fromEntries(EVENT_TYPES.map((event) => [event, event === emailed ? 'email' : 'in_app']));
  expect((await agent.post(paths.notificationSettings, choices)).statusCode).toBe(303);
}
