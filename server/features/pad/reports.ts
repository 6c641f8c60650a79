import { AppError } from '../../../shared/errors';
import type { PiiKind } from '../../../shared/pii/detect';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { broadcastReport, reportCreator, reportsCollection, type ReportDoc } from '../moderation/reports';
import { loadSpaceOfKind } from '../spaces/access';
import { spaceAuditContext } from '../spaces/service';

/** The reporter of the reports Préau files by itself. */
export const SYSTEM_REPORTER = 'system';

/** Largest quote and text of a report (as `report:create` accepts them). */
const QUOTE_MAX = 500;
const TEXT_MAX = 1_000;

/** What the moderators read in the report (stored data, in the school's language). */
const KIND_WORDS: Record<PiiKind, string> = { phone: 'numéro de téléphone', email: 'adresse e-mail', address: 'adresse' };

/** Personal information a pupil just wrote in a pad. */
export interface PadPersonalInfo {
  userId: string;
  name: string;
  kinds: PiiKind[];
  /** The passages, each with a little context. */
  passages: string[];
}

/** Joins lines, newest last, dropping the oldest when the whole would be too long. */
function joined(previous: string, added: readonly string[], separator: string, max: number): string {
  const lines = [...(previous ? previous.split(separator) : []), ...added].filter((line, at, all) => line && all.indexOf(line) === at);
  while (lines.length > 1 && lines.join(separator).length > max) lines.shift();
  return lines.join(separator).slice(0, max);
}

/**
 * « Pad reports », the personal-information guard of pads: a pad's text is co-written live and cannot be held
 * back like a message, so when a pupil's text brings personal information into it, Préau reports the pad itself
 * (category « information personnelle », the passage quoted, reporter `system`), and the teachers' consoles get
 * it at once. One open system report per pad (the reports' uniqueness key): a new finding while it is open adds
 * its passage to it. The report and its audit event are written in one transaction, then broadcast.
 * Returns null when the pad is gone.
 */
export async function padPersonalInfoReporter(ctx: ServerContext, pad: { spaceId: string; schoolId: string }, found: PadPersonalInfo): Promise<ReportDoc | null> {
  const space = await loadSpaceOfKind(ctx, pad.spaceId, pad.schoolId, 'pad').catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  });
  if (!space) return null;
  const place = spaceAuditContext(space);
  const report = await auditedChange(ctx, async (record) => {
    const open = await reportsCollection(ctx).findOne({ kind: 'pad', itemId: space._id, reporterId: SYSTEM_REPORTER, status: { $in: ['open', 'claimed'] } });
    const line = `${found.name} : ${found.kinds.map((kind) => KIND_WORDS[kind]).join(', ')}`;
    const stored = await reportCreator(ctx, {
      schoolId: space.schoolId,
      kind: 'pad',
      itemId: space._id,
      spaceId: space._id,
      classId: place.classId,
      category: 'information_personnelle',
      text: joined(open?.text ?? '', [line], '\n', TEXT_MAX),
      quote: joined(open?.quote ?? '', found.passages, ' / ', QUOTE_MAX),
      reporterId: SYSTEM_REPORTER,
      excerpt: space.title,
    });
    await record({
      schoolId: space.schoolId,
      actor: { userId: null },
      origin: 'collab',
      event: 'report.created',
      target: { type: 'pad', id: space._id, ownerId: found.userId },
      context: place,
      reason: `information_personnelle (automatic: ${found.kinds.join(', ')})`,
    });
    return stored;
  });
  await broadcastReport(ctx, report);
  return report;
}

/**
 * Removes redacted passages from the quotes of the reports on a pad (inside the redaction's transaction): a
 * redaction erases a passage from everything the pad keeps, and the guard's reports quote the pad's text.
 */
export async function padReportsRedactor(ctx: ServerContext, spaceId: string, passages: readonly string[]): Promise<number> {
  let rewritten = 0;
  for (const report of await reportsCollection(ctx).find({ kind: 'pad', itemId: spaceId }, { limit: 10_000 })) {
    let quote = report.quote;
    for (const passage of passages) if (passage) quote = quote.split(passage).join('[…]');
    if (quote === report.quote) continue;
    await reportsCollection(ctx).updateOne({ _id: report._id }, { $set: { quote } });
    rewritten += 1;
  }
  return rewritten;
}
