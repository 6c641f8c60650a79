import type { AuditEventName, AuditOrigin } from '../../../shared/audit/events';
import { contentHash } from '../../audit/canonical';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import type { WallAccess } from './access';

/** Records one wall operation in the hash-chained log: who, on which card of which wall, and what changed. */
export async function auditWall(
  ctx: ServerContext,
  state: AuthedRequestState,
  origin: AuditOrigin,
  wall: WallAccess,
  event: AuditEventName,
  target: { type: 'wallCard' | 'wallComment' | 'wallFile' | 'wall'; id: string; ownerId: string | null },
  change?: { fields: string[]; before?: unknown; after?: unknown },
): Promise<void> {
  await ctx.services.audit.record({
    schoolId: wall.space.schoolId,
    actor: auditActorOf(state),
    origin,
    event,
    target,
    context: { classId: wall.classId, spaceId: wall.space._id },
    change: change
      ? {
          fields: change.fields,
          beforeHash: change.before === undefined ? null : contentHash(change.before),
          afterHash: change.after === undefined ? null : contentHash(change.after),
        }
      : null,
  });
}
