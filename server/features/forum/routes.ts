import { Router } from 'express';
import { ForumPageQuery, ForumSearchQuery } from '../../../shared/forum/types';
import type { ServerContext } from '../../context';
import { auditActorOf, type AuthedRequestState, type RequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { auditContextOf } from '../chat/rooms';
import { spaceResource, type SpaceDoc } from '../spaces/model';
import { forumOf } from './forums';
import { forumCollections } from './model';
import { forumSearch, postRevisions, topicPage, topicsPage } from './reads';

/** Reading forums (topics, posts, search, revisions); writing goes through Socket.IO (see socket.ts). */
export function forumRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  void forumCollections(ctx.store).catch((error: unknown) => ctx.logger.error({ err: error }, 'forum indexes failed'));

  const forumOfRequest = (state: RequestState, params: Record<string, string>): Promise<SpaceDoc> =>
    forumOf(ctx, state.user!.schoolId, params, params.forumId ?? '');
  const ask = (action: 'read' | 'moderate') => async (state: AuthedRequestState, { params }: { params: Record<string, string> }) => ({
    action,
    resource: spaceResource(await forumOfRequest(state, params)),
  });
  const logView = async (state: RequestState, forum: SpaceDoc, target: { type: string; id: string }) =>
    ctx.services.audit.recordView({ schoolId: forum.schoolId, actor: auditActorOf(state), origin: 'http', target: { ...target, ownerId: null }, context: auditContextOf(forum) });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/forums/:forumId/topics',
    query: ForumPageQuery,
    policy: { check: ask('read') },
    async handler({ params, query, state }) {
      const forum = await forumOfRequest(state, params);
      await logView(state, forum, { type: 'forum', id: forum._id });
      return topicsPage(ctx, state.actor!, forum, query.page);
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/forums/:forumId/topics/:topicId',
    query: ForumPageQuery,
    policy: { check: ask('read') },
    async handler({ params, query, state }) {
      const forum = await forumOfRequest(state, params);
      const page = await topicPage(ctx, state.actor!, forum, params.topicId ?? '', query.page);
      await logView(state, forum, { type: 'forumTopic', id: page.topic.id });
      return page;
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/forums/:forumId/search',
    query: ForumSearchQuery,
    policy: { check: ask('read') },
    async handler({ params, query, state }) {
      return { results: await forumSearch(ctx, state.actor!, await forumOfRequest(state, params), query.q) };
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/forums/:forumId/posts/:postId/revisions',
    policy: { check: ask('moderate') },
    async handler({ params, state }) {
      const forum = await forumOfRequest(state, params);
      const revisions = await postRevisions(ctx, state.actor!, forum, params.postId ?? '');
      // Moderators reading what a pupil wrote before an edit: logged like any view of content.
      await logView(state, forum, { type: 'forumPost', id: params.postId ?? '' });
      return { revisions };
    },
  });

  return router;
}
