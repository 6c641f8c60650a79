/** E-mail summaries (optional, SMTP_URL): when they go out, on the Paris calendar (`NOTIFICATION_TIME_ZONE`). */

/** The daily summary's hour in Paris; someone in quiet hours then gets it when their quiet period ends. */
export const EMAIL_SUMMARY_TIME = '17:00';
/** The weekly summary's day (ISO weekday: 5 is Friday), at EMAIL_SUMMARY_TIME. */
export const EMAIL_WEEKLY_DAY = 5;
/** At most this many people's e-mails handled per run of the e-mail job (the next run takes the rest). */
export const EMAIL_BATCH_PEOPLE = 2_000;
/** At most this many notifications counted in one summary. */
export const EMAIL_SUMMARY_MAX_NOTIFICATIONS = 1_000;
/** The marks that say a summary went out are kept this long. */
export const EMAIL_MARK_RETENTION_MS = 60 * 24 * 60 * 60 * 1000;
