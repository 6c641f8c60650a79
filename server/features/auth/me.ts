import type { Capabilities, MeResponse } from '../../../shared/identity/api';
import type { Actor } from '../../../shared/policy/actor';
import type { SpaceScope } from '../../../shared/policy/resources';
import { can } from '../../../shared/policy/can';
import type { ServerContext } from '../../context';
import type { AuthedRequestState } from '../../http/request-state';
import { presentUser } from '../directory/model';
import { spaceResource, spacesCollection } from '../spaces/model';

/** What the user may open, each asked to the policy table (the client builds its navigation from it). */
async function capabilitiesOf(ctx: ServerContext, actor: Actor): Promise<Capabilities> {
  const schoolId = actor.schoolId;
  const classIds = [...new Set(actor.teacherClassIds)];
  const schoolClasses = can(actor, 'moderate', { type: 'school', schoolId }) ? await ctx.services.directory.classes.find({ schoolId }) : [];
  /** Whether a space of this scope could be created by the user: `create` asked on the space it would be. */
  const creates = (scope: SpaceScope): boolean =>
    can(actor, 'create', { type: 'space', schoolId, spaceId: 'new', kind: 'wall', scope, ownerId: actor.userId, writers: 'teachers', parentsMayComment: false, parentsRead: true, locked: false, moderatorIds: [] });
  const moderated = actor.moderatedSpaceIds.length > 0 ? await spacesCollection(ctx.store).find({ _id: { $in: actor.moderatedSpaceIds }, schoolId, deletedAt: null }) : [];
  return {
    administer: can(actor, 'administer', { type: 'administration', schoolId }),
    manageSchool: can(actor, 'manage', { type: 'charter', schoolId }),
    moderation: {
      school: can(actor, 'moderate', { type: 'school', schoolId }),
      classIds: classIds.filter((classId) => can(actor, 'moderate', { type: 'class', schoolId, classId })),
      spaceIds: moderated.filter((space) => can(actor, 'moderate', spaceResource(space))).map((space) => space._id),
    },
    audit: {
      school: can(actor, 'readAudit', { type: 'auditLog', schoolId }),
      classIds: classIds.filter((classId) => can(actor, 'readAudit', { type: 'auditLog', schoolId, classId })),
    },
    createSpaces: {
      school: creates({ kind: 'school' }),
      classIds: [...new Set([...classIds, ...schoolClasses.map((found) => found._id)])].filter((classId) => creates({ kind: 'class', classId })),
    },
    family: { childIds: actor.children.map((child) => child.userId).filter((userId) => can(actor, 'read', { type: 'user', schoolId, userId })) },
  };
}

/** The answer of `GET /api/me` and of a successful sign-in. */
export async function buildMe(ctx: ServerContext, state: Pick<AuthedRequestState, 'user' | 'session' | 'actor'>): Promise<MeResponse> {
  const { user, session, actor } = state;
  const school = await ctx.services.directory.schools.findOne({ _id: user.schoolId });
  return {
    capabilities: await capabilitiesOf(ctx, actor),
    user: presentUser(user),
    profiles: user.profiles,
    charter: await ctx.services.charters.state(user),
    mustChangePassword: user.mustChangePassword,
    csrfToken: session.csrfToken,
    school: { id: user.schoolId, name: school?.name ?? '' },
  };
}
