import { z } from 'zod';
import { AUDIT_EVENTS, type AuditEntry } from '../../../shared/audit/events';
import type { Filter } from '../../storage/port';

export const AuditFilterSchema = z.object({
  actor: z.string().max(64).optional(),
  event: z.enum(AUDIT_EVENTS).optional(),
  classId: z.string().max(64).optional(),
  spaceId: z.string().max(128).optional(),
  status: z.enum(['success', 'denied', 'fail']).optional(),
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
});

export const AuditQuerySchema = AuditFilterSchema.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export type AuditFilterInput = z.infer<typeof AuditFilterSchema>;

/** The store filter for the console's filters, always within one school. */
export function auditFilter(schoolId: string, input: AuditFilterInput): Filter {
  const filter: Filter = { schoolId };
  if (input.actor) filter['actor.userId'] = input.actor;
  if (input.event) filter.event = input.event;
  if (input.classId) filter['context.classId'] = input.classId;
  if (input.spaceId) filter['context.spaceId'] = input.spaceId;
  if (input.status) filter.status = input.status;
  if (input.from !== undefined || input.to !== undefined) {
    filter.ts = { ...(input.from !== undefined ? { $gte: input.from } : {}), ...(input.to !== undefined ? { $lte: input.to } : {}) };
  }
  return filter;
}

/** The filters as a readable reason for the audit event of the read itself. */
export function describeFilter(input: AuditFilterInput): string {
  return JSON.stringify(Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)));
}

const CSV_COLUMNS = ['seq', 'ts', 'event', 'status', 'actor', 'actorName', 'profile', 'ip', 'origin', 'targetType', 'targetId', 'targetOwner', 'classId', 'spaceId', 'reason', 'hash'] as const;

/**
 * One CSV cell: quoted, quotes doubled, and a leading = + - @ (or tab/CR) neutralised with an apostrophe so a
 * spreadsheet never runs a formula planted in a reason or a user agent.
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The log as CSV (UTF-8 with a BOM, for spreadsheets), each actor with their name from `names`. */
export function auditCsv(entries: AuditEntry[], names: ReadonlyMap<string, string>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const entry of entries) {
    lines.push(
      [
        entry.seq,
        new Date(entry.ts).toISOString(),
        entry.event,
        entry.status,
        entry.actor.userId,
        entry.actor.userId ? (names.get(entry.actor.userId) ?? null) : null,
        entry.actor.profile,
        entry.actor.ip,
        entry.origin,
        entry.target.type,
        entry.target.id,
        entry.target.ownerId,
        entry.context.classId,
        entry.context.spaceId,
        entry.reason,
        entry.hash,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
