import { Router } from 'express';
import { AppError } from '../../../shared/errors';
import type { Resource, SpaceScope } from '../../../shared/policy/resources';
import { DUPLICABLE_KINDS, DuplicateSpaceSchema, type DuplicateSpaceReq, type DuplicateSpaceResult } from '../../../shared/spaces/duplicate';
import type { SpaceKind } from '../../../shared/spaces/types';
import { auditedChange } from '../../audit/command';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState } from '../../http/request-state';
import { defineRoute, type PolicyQuestion, type RouteRuntime } from '../../http/route';
import { forumContentCopier } from '../forum/copy';
import { padContentCopier } from '../pad/copy';
import { wallContentCopier, type ContentCopy } from '../wall/copy';
import { askSpace } from './access';
import { presentSpace, scopeIdOf, spaceResource, type SpaceDoc } from './model';
import { spaceAuditContext, spaceCreator } from './service';

/** The resource a new space will be: `create` is asked on it, so only teachers of its scope (or the director) create. */
export function newSpaceResource(schoolId: string, ownerId: string, kind: SpaceKind, scope: SpaceScope): Resource {
  return { type: 'space', schoolId, spaceId: 'new', kind, scope, ownerId, writers: 'teachers', parentsMayComment: false, parentsRead: true, locked: false, moderatorIds: [] };
}

const sameScope = (a: SpaceScope, b: SpaceScope): boolean => a.kind === b.kind && scopeIdOf(a) === scopeIdOf(b);

/** The content copy a duplication asks for, prepared before its transaction (or null: structure only). */
async function contentCopy(ctx: ServerContext, state: AuthedRequestState, source: SpaceDoc, input: DuplicateSpaceReq, pupilsContent: boolean): Promise<ContentCopy | null> {
  if (!input.content) return null;
  if (source.kind === 'wall') return wallContentCopier(ctx, source, { userId: state.user._id, profiles: state.user.profiles }, pupilsContent);
  if (source.kind === 'forum') return forumContentCopier(ctx, source, pupilsContent);
  // A pad is co-written: into another class its text goes only when the teacher ticks the pupils' contributions.
  return pupilsContent ? padContentCopier(ctx, source) : null;
}

/**
 * Duplicates a space (the edge asked `configure` on the source and `create` in the target scope): a new space of
 * the actor with the source's settings (sections included; pupil moderators and co-owners are not copied), and
 * its content when asked. Within the same scope the content goes whole; into another one, what pupils and parents
 * wrote goes only with `pupilsContent`. One audited change: the new space (`space.created`) and `space.duplicated`
 * naming the source and the target, with what was copied.
 */
export async function spaceDuplicator(ctx: ServerContext, state: AuthedRequestState, source: SpaceDoc, input: DuplicateSpaceReq): Promise<DuplicateSpaceResult> {
  if (!(DUPLICABLE_KINDS as readonly string[]).includes(source.kind)) throw new AppError('VALIDATION', 'Only walls, pads and forums can be duplicated', [{ path: 'id', message: 'not_duplicable' }]);
  const scope = input.target ?? source.scope;
  const moved = !sameScope(scope, source.scope);
  const pupilsContent = !moved || input.pupilsContent;
  const copy = await contentCopy(ctx, state, source, input, pupilsContent);
  try {
    return await auditedChange(ctx, async (record) => {
      const space = await spaceCreator(ctx, state, {
        kind: source.kind,
        title: input.title ?? source.title,
        scope,
        writers: source.writers,
        // The pupils chosen as writers belong to the source's class.
        writerIds: moved ? [] : source.writerIds,
        parentsMayComment: source.parentsMayComment,
        settings: source.settings,
      });
      await copy?.write(space);
      const copied = { items: copy?.items ?? 0, files: copy?.files ?? 0 };
      await record({
        schoolId: space.schoolId,
        actor: auditActorOf(state),
        origin: 'http',
        event: 'space.duplicated',
        target: { type: space.kind, id: space._id, ownerId: space.ownerId },
        context: spaceAuditContext(space),
        change: {
          fields: input.content ? ['settings', 'content'] : ['settings'],
          before: { spaceId: source._id, title: source.title, scope: source.scope },
          after: { spaceId: space._id, title: space.title, scope: space.scope, content: input.content, pupilsContent, ...copied },
        },
      });
      return { space: presentSpace(space), copied };
    });
  } catch (error) {
    await copy?.discard();
    throw error;
  }
}

/**
 * POST /spaces/:id/duplicate: `configure` on the source, then `create` in the target scope, and `carryPupilsWork` on
 * the source when its pupils' work goes into another scope, all through `can()`.
 */
export function spaceDuplicateRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  const source = askSpace(ctx, null, 'configure', ({ params }: { params: Record<string, string> }) => params.id ?? '');
  defineRoute(router, runtime, {
    method: 'post',
    path: '/spaces/:id/duplicate',
    body: DuplicateSpaceSchema,
    policy: {
      async check(state, input): Promise<PolicyQuestion<SpaceDoc>[]> {
        const asked = await source(state, input);
        const space = asked.subject!;
        const target = input.body.target ?? space.scope;
        const questions: PolicyQuestion<SpaceDoc>[] = [asked, { action: 'create', resource: newSpaceResource(state.user.schoolId, state.user._id, space.kind, target) }];
        // Pupils' work into another scope: only a teacher of the source's own scope (or the director), never a co-owner.
        if (input.body.content && input.body.pupilsContent && !sameScope(target, space.scope)) questions.push({ action: 'carryPupilsWork', resource: spaceResource(space) });
        return questions;
      },
    },
    async handler({ body, state, subject, res }): Promise<DuplicateSpaceResult> {
      const result = await spaceDuplicator(ctx, state as AuthedRequestState, subject, body);
      res.status(201);
      return result;
    },
  });
  return router;
}
