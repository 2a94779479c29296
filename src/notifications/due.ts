import { DUE_WITHIN_DAYS } from '../admin/index.js';
import { startBackgroundRounds, type BackgroundRounds } from '../platform/background-rounds.js';
import type { Clock } from '../platform/clock.js';
import { addDays, todayIso } from '../platform/dates.js';
import type { Db, Tx } from '../platform/db.js';
import { paths } from '../platform/paths.js';
import * as due from './due-repository.js';
import type { MailSender } from './mailer.js';
import { notify } from './notify.js';

/**
 * Notices of another feature that only a date raises, given in the same round and transaction (the
 * feature owns the question; notifications owns the telling): how many were told. `ctp serve` and
 * `ctp mail send` pass governance's overdue actions (issue 16 item 6).
 */
export type DueNotices = (tx: Tx, today: string, now: Date) => Promise<number>;

/**
 * Notices nobody's action raises, only the date: a referral past its acknowledgement deadline (to
 * the receiving service's managers, 004 para 202), an action due or overdue (to its owner), and
 * training or vetting lapsing within 30 days (to its holder). Each
 * person is told once about each referral or action (notification.about). Returns how many were told.
 */
export async function notifyDue(db: Db, now: Date, sources: readonly DueNotices[] = []): Promise<number> {
  const today = todayIso(now);
  return db.transaction(async (tx) => {
    let told = 0;
    for (const source of sources) told += await source(tx, today, now);
    for (const r of await due.listOverdueReferralManagers(tx, today)) {
      told += await notify(tx, {
        userIds: [r.userId],
        event: 'referral.overdue',
        link: paths.referral(r.referralId),
        about: r.referralId,
        at: now,
      });
    }
    for (const a of await due.listDueActionOwners(tx, today)) {
      told += await notify(tx, {
        userIds: [a.userId],
        event: 'action.due',
        link: paths.assessment(a.assessmentId),
        about: a.actionId,
        at: now,
      });
    }
    // 004 Box 6.1: an authorised user's training and checks are kept in date; each is told once per record.
    for (const l of await due.listLapsingTraining(tx, today, addDays(today, DUE_WITHIN_DAYS))) {
      told += await notify(tx, { userIds: [l.userId], event: 'training.lapsing', link: paths.account, about: l.trainingId, at: now });
    }
    return told;
  });
}

export type NotificationJobs = BackgroundRounds;

/**
 * The background loop `ctp serve` starts: the periodic notices, then the outbox, every interval.
 * A failing round is logged and the next one runs as usual; stop() waits for a round in progress.
 */
export function startNotificationJobs({
  db,
  sender,
  clock,
  intervalMs = 30_000,
  onError,
  sources = [],
}: {
  db: Db;
  sources?: readonly DueNotices[];
  sender: MailSender;
  clock: Clock;
  intervalMs?: number;
  onError: (error: unknown) => void;
}): NotificationJobs {
  return startBackgroundRounds(
    async () => {
      await notifyDue(db, clock.now(), sources);
      await sender.sendDue();
    },
    { intervalMs, onError },
  );
}
