import type { ServerContext } from '../../../context';
import type { PeriodicJob } from '../../../jobs/periodic';
import { sendNotificationEmails } from '../email/job';
import { releaseHeld } from './release';

/**
 * The periodic jobs of quiet hours and e-mail, every NOTIFICATION_RELEASE_INTERVAL_MS: the release of what quiet
 * hours held (one summary each), and with SMTP_URL the e-mails (summaries and urgent ones).
 */
export function quietAndEmailJobs(ctx: ServerContext): PeriodicJob[] {
  const intervalMs = ctx.config.notificationReleaseIntervalMs;
  return [
    { name: 'notifications.release', intervalMs, run: () => releaseHeld(ctx) },
    ...(ctx.config.smtp ? [{ name: 'notifications.email', intervalMs, run: () => sendNotificationEmails(ctx) }] : []),
  ];
}
