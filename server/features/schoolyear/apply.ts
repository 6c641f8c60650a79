/**
 * Opens the new school year in ONE store transaction with its audit events (`auditedChange`): the school's year,
 * last year's classes archived (their memberships kept for reading until the archive's date), their spaces
 * archived (read-only), the new classes with their teachers and pupils, every pupil moderator designation
 * revoked, and the communication rules' hook. Then the live side: every space changed goes out on the bus, and
 * every person whose rights changed (pupils, their guardians, teachers, former moderators) is re-decided.
 */
import { AppError } from '../../../shared/errors';
import type { YearSwitchPlan, YearSwitchReq } from '../../../shared/schoolyear/types';
import { auditedChange, type AuditRecorder } from '../../audit/command';
import { serverNow } from '../../clock';
import type { ServerContext } from '../../context';
import { directoryEvent, type CommandAuthor } from '../directory/service';
import { presentSpace, spacesCollection, type SpaceDoc } from '../spaces/model';
import { spaceAuditContext } from '../spaces/service';
import { planYearSwitch, type YearSwitchWork } from './plan';
import { resetCommunicationRules } from './rules';

/** Archives last year's spaces and revokes every pupil moderator; returns the spaces as they are now. */
async function closeSpaces(ctx: ServerContext, by: CommandAuthor, work: YearSwitchWork, record: AuditRecorder): Promise<SpaceDoc[]> {
  const spaces = spacesCollection(ctx.store);
  const archive = new Set(work.archivedSpaces.map((space) => space._id));
  const touched = [...work.archivedSpaces, ...work.designatedSpaces.filter((space) => !archive.has(space._id))];
  const updated: SpaceDoc[] = [];
  for (const space of touched) {
    const archiving = archive.has(space._id) && !space.archived;
    const after = await spaces.findOneAndUpdate(
      { _id: space._id, version: space.version },
      { $set: { ...(archive.has(space._id) ? { archived: true } : {}), moderatorIds: [], updatedAt: Date.now() }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    if (!after) throw new AppError('CONFLICT', 'A space changed meanwhile: preview the new school year again');
    const base = { schoolId: by.schoolId, actor: by.actor, origin: by.origin, target: { type: space.kind, id: space._id, ownerId: space.ownerId }, context: spaceAuditContext(space) };
    if (archiving) await record({ ...base, event: 'space.archived', change: { fields: ['archived'], before: { archived: false }, after: { archived: true } } });
    if (space.moderatorIds.length > 0) {
      await record({ ...base, event: 'schoolyear.moderators_reset', change: { fields: ['moderatorIds'], before: space.moderatorIds, after: [] } });
    }
    updated.push(after);
  }
  return updated;
}

/** Applies the plan the director previewed (same fingerprint), or CONFLICT when the school changed since. */
export async function openSchoolYear(ctx: ServerContext, by: CommandAuthor, req: YearSwitchReq, fingerprint: string): Promise<YearSwitchPlan> {
  const { directory } = ctx.services;
  const now = serverNow(ctx);
  const { work, spaces } = await auditedChange(ctx, async (record) => {
    const work = await planYearSwitch(ctx, by.schoolId, req, now);
    if (work.plan.fingerprint !== fingerprint) throw new AppError('CONFLICT', 'The school changed since this preview: preview the new school year again');
    const { plan } = work;
    await directory.schools.updateOne({ _id: by.schoolId }, { $set: { schoolYear: plan.schoolYear } });
    await record(
      directoryEvent(by, {
        event: 'schoolyear.opened',
        target: { type: 'school', id: by.schoolId, ownerId: null },
        fields: ['schoolYear'],
        before: { schoolYear: plan.currentYear },
        after: { schoolYear: plan.schoolYear, visibleUntil: plan.visibleUntil },
      }),
    );
    for (const found of work.current) {
      await directory.classes.updateOne({ _id: found._id }, { $set: { archivedAt: now, visibleUntil: plan.visibleUntil } });
      await record(
        directoryEvent(by, {
          event: 'schoolyear.class_archived',
          target: { type: 'class', id: found._id, ownerId: null },
          classId: found._id,
          fields: ['archivedAt', 'visibleUntil'],
          before: { archivedAt: null },
          after: { archivedAt: now, visibleUntil: plan.visibleUntil },
        }),
      );
    }
    // Former members keep reading last year's class until its archive's date (the actor ignores them after).
    await directory.memberships.updateMany({ _id: { $in: work.memberships.map((m) => m._id) } }, { $set: { until: plan.visibleUntil } });

    const classIdByName = new Map<string, string>();
    for (const planned of work.classes) {
      const fields = { name: planned.name, level: planned.level, schoolYear: plan.schoolYear };
      const created = await directory.classes.insertOne({ schoolId: by.schoolId, ...fields, createdAt: now, archivedAt: null, visibleUntil: null });
      classIdByName.set(planned.name, created._id);
      await record(directoryEvent(by, { event: 'class.created', target: { type: 'class', id: created._id, ownerId: null }, classId: created._id, fields: ['name', 'level', 'schoolYear'], after: { ...fields, fromClassId: planned.fromClassId } }));
      for (const userId of planned.teacherIds) {
        await directory.memberships.insertOne({ schoolId: by.schoolId, userId, kind: 'class', targetId: created._id, role: 'teacher' });
        await record(directoryEvent(by, { event: 'schoolyear.teacher_assigned', target: { type: 'user', id: userId, ownerId: userId }, classId: created._id, fields: ['classId'], after: { classId: created._id } }));
      }
    }
    for (const move of work.moves) {
      const classId = move.to === null ? null : classIdByName.get(move.to)!;
      if (classId) await directory.memberships.insertOne({ schoolId: by.schoolId, userId: move.userId, kind: 'class', targetId: classId, role: 'pupil' });
      await record(
        directoryEvent(by, {
          event: 'schoolyear.pupil_moved',
          target: { type: 'user', id: move.userId, ownerId: move.userId },
          classId: classId ?? move.fromClassId,
          fields: ['classId'],
          before: { classId: move.fromClassId },
          after: { classId },
        }),
      );
    }
    const spaces = await closeSpaces(ctx, by, work, record);
    await resetCommunicationRules(ctx, by, record);
    return { work, spaces };
  });

  // Live: spaces with their new state, and everyone whose rights changed re-decided on their open connections.
  for (const space of spaces) await ctx.services.bus.publish('space.updated', presentSpace(space));
  const pupils = work.moves.map((move) => move.userId);
  const guardians = pupils.length > 0 ? await directory.guardianships.find({ childId: { $in: pupils } }) : [];
  const affected = new Set([
    ...work.memberships.map((m) => m.userId),
    ...work.classes.flatMap((planned) => planned.teacherIds),
    ...guardians.map((link) => link.parentId),
    ...work.designatedSpaces.flatMap((space) => space.moderatorIds),
  ]);
  for (const userId of affected) await ctx.services.bus.publish('user.rightsChanged', userId);
  return work.plan;
}
