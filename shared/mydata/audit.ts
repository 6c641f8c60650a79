/** « Mes données »'s audit events (composed into `AUDIT_EVENTS` in shared/audit/events.ts). */
export const MYDATA_AUDIT_EVENTS = [
  // Someone downloaded the ZIP of everything Préau holds about a person (themself, or their child).
  'mydata.exported',
  // A person asked the school to correct something it holds about them (or their child).
  'mydata.rectification_requested',
  // The direction answered a rectification request (done or refused).
  'mydata.rectification_answered',
] as const;
