import { NOTIFICATION_RECIPIENTS_TTL_MS } from '../../../shared/notifications/limits';
import type { Actor } from '../../../shared/policy/actor';
import { SPACE_CACHE_MAX_SPACES } from '../../../shared/spaces/limits';
import type { ServerContext } from '../../context';
import { loadActor } from '../directory/actor';
import type { UserDoc } from '../directory/model';
import type { SpaceDoc } from '../spaces/model';
import { LiveCache } from '../spaces/live';

/** A recipient: the actor policies decide on, with what presentation and quiet hours need. */
export interface Recipient {
  actor: Actor;
  user: Pick<UserDoc, '_id' | 'schoolId' | 'profiles' | 'displayName'>;
}

interface RecipientCaches {
  scopes: LiveCache<readonly Recipient[]>;
  users: LiveCache<Recipient | null>;
  /** The ids of each school's directors (a profile is not indexed: read once per school, not per scope). */
  directors: LiveCache<readonly string[]>;
}

const perContext = new WeakMap<ServerContext, RecipientCaches>();

async function recipientsOf(ctx: ServerContext, users: readonly UserDoc[]): Promise<Recipient[]> {
  const loaded: Recipient[] = [];
  for (const user of users) {
    if (user.status !== 'active') continue;
    loaded.push({ actor: await loadActor(ctx.services.directory, user), user: { _id: user._id, schoolId: user.schoolId, profiles: user.profiles, displayName: user.displayName } });
  }
  return loaded;
}

/**
 * The people of a scope (`class:<id>`, `group:<id>`, `school`): its pupils and teachers (or members), the parents of
 * those pupils, and the school's directors. Who may read what is decided later, per item, by `canReadItem`.
 */
async function loadScope(ctx: ServerContext, key: string, schoolId: string): Promise<Recipient[]> {
  const { memberships, guardianships, users } = ctx.services.directory;
  const [kind, id] = key.split(':') as ['class' | 'group' | 'school', string | undefined];
  if (kind === 'school') {
    const all = await users.find({ schoolId, status: 'active' }, { limit: 100_000 });
    return recipientsOf(ctx, all);
  }
  const members = await memberships.find({ schoolId, kind, targetId: id });
  let ids = members.map((member) => member.userId);
  const pupilIds = kind === 'class' ? members.filter((member) => member.role === 'pupil').map((member) => member.userId) : ids;
  const parents = pupilIds.length > 0 ? await guardianships.find({ childId: { $in: pupilIds } }) : [];
  const directors = await caches(ctx).directors.get(schoolId, schoolId);
  ids = [...new Set([...ids, ...parents.map((link) => link.parentId), ...directors])];
  const docs = ids.length > 0 ? await users.find({ _id: { $in: ids }, schoolId }) : [];
  return recipientsOf(ctx, docs);
}

function caches(ctx: ServerContext): RecipientCaches {
  let kept = perContext.get(ctx);
  if (!kept) {
    const scopes = new LiveCache<readonly Recipient[]>({ load: (key, schoolId) => loadScope(ctx, key, schoolId), ttlMs: NOTIFICATION_RECIPIENTS_TTL_MS, maxEntries: SPACE_CACHE_MAX_SPACES });
    const users = new LiveCache<Recipient | null>({
      load: async (userId, schoolId) => {
        const user = await ctx.services.directory.users.findOne({ _id: userId, schoolId });
        return user ? ((await recipientsOf(ctx, [user]))[0] ?? null) : null;
      },
      ttlMs: NOTIFICATION_RECIPIENTS_TTL_MS,
      maxEntries: SPACE_CACHE_MAX_SPACES * 10,
    });
    const directors = new LiveCache<readonly string[]>({
      load: async (schoolId) => (await ctx.services.directory.users.find({ schoolId, profiles: 'director', status: 'active' })).map((user) => user._id),
      ttlMs: NOTIFICATION_RECIPIENTS_TTL_MS,
      maxEntries: SPACE_CACHE_MAX_SPACES,
    });
    const dropAll = () => {
      scopes.drop();
      users.drop();
      directors.drop();
    };
    // Rights, memberships, designations, suspensions and space changes all change who may read what: reload.
    ctx.services.bus.on('user.rightsChanged', dropAll);
    ctx.services.bus.on('user.disconnect', dropAll);
    ctx.services.bus.on('space.updated', dropAll);
    ctx.services.bus.on('cluster.resync', dropAll);
    kept = { scopes, users, directors };
    perContext.set(ctx, kept);
  }
  return kept;
}

const scopeKeyOf = (space: SpaceDoc): string => (space.scope.kind === 'class' ? `class:${space.scope.classId}` : space.scope.kind === 'group' ? `group:${space.scope.groupId}` : 'school');

/** Everyone who may hear of what happens in a space: its scope's people, plus its owner and designated moderators. */
export async function spaceRecipients(ctx: ServerContext, space: SpaceDoc): Promise<Recipient[]> {
  const scope = await caches(ctx).scopes.get(scopeKeyOf(space), space.schoolId);
  const known = new Set(scope.map((recipient) => recipient.user._id));
  const extra = [space.ownerId, ...space.moderatorIds].filter((id) => !known.has(id));
  return extra.length === 0 ? [...scope] : [...scope, ...(await usersAsRecipients(ctx, space.schoolId, extra))];
}

/** These people of a school (the author of an item, the reporters), as recipients; the unknown and inactive left out. */
export async function usersAsRecipients(ctx: ServerContext, schoolId: string, userIds: readonly string[]): Promise<Recipient[]> {
  const found: Recipient[] = [];
  for (const userId of new Set(userIds)) {
    const recipient = await caches(ctx).users.get(userId, schoolId);
    if (recipient) found.push(recipient);
  }
  return found;
}

/** The guardians of a pupil, as recipients. */
export async function guardiansOf(ctx: ServerContext, schoolId: string, childId: string): Promise<Recipient[]> {
  const links = await ctx.services.directory.guardianships.find({ childId, schoolId });
  return usersAsRecipients(ctx, schoolId, links.map((link) => link.parentId));
}
