import { AppError } from '../../../shared/errors';
import type { CreateSpaceFromReq } from '../../../shared/spaces/duplicate';
import { authorRoleOf } from '../../../shared/wall/policy';
import { WALL_TEMPLATES } from '../../../shared/wall/templates';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { ensureWallIndexes } from '../wall/model';
import { exampleCardsWriter } from '../wall/copy';
import type { SpaceDoc } from './model';
import { spaceAuditContext, spaceCreator } from './service';

/**
 * Creates a space, from a wall template or from one of the actor's own spaces (the edge asked `create` in the
 * scope, and `configure` on `from`). A template gives the wall its layout, sections and settings (what the form
 * sends on top wins), and with `withExamples` its example cards, authored by the teacher creating the wall, in
 * the same change. A space made from another copies its settings (sections included), never its content (that
 * is « Dupliquer »), and records `space.duplicated` naming its source.
 */
export async function spaceFromCreator(ctx: ServerContext, state: AuthedRequestState, input: CreateSpaceFromReq, from: SpaceDoc | null): Promise<SpaceDoc> {
  const { template: templateId, fromSpaceId: _from, withExamples, ...create } = input;
  if (!templateId && !from) return spaceCreator(ctx, state, create);
  if (from && from.kind !== input.kind) throw new AppError('VALIDATION', 'The space to start from is of another kind', [{ path: 'fromSpaceId', message: 'other_kind' }]);
  const template = templateId ? WALL_TEMPLATES[templateId] : null;
  const settings = { ...(template?.settings ?? from?.settings ?? {}), ...create.settings };
  if (template && withExamples) await ensureWallIndexes(ctx.store);
  return auditedChange(ctx, async (record) => {
    const space = await spaceCreator(ctx, state, { ...create, settings });
    if (template && withExamples) {
      await exampleCardsWriter(ctx, space, { userId: state.user._id, name: state.user.displayName, role: authorRoleOf(state.user.profiles) }, template.examples);
    }
    if (from) {
      await record({
        schoolId: space.schoolId,
        actor: auditActorOf(state),
        origin: 'http',
        event: 'space.duplicated',
        target: { type: space.kind, id: space._id, ownerId: space.ownerId },
        context: spaceAuditContext(space),
        change: { fields: ['settings'], before: { spaceId: from._id, title: from.title, scope: from.scope }, after: { spaceId: space._id, title: space.title, scope: space.scope, content: false } },
      });
    }
    return space;
  });
}
