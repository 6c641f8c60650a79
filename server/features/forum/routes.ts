import { Router } from 'express';
import { ForumPageQuery, ForumSearchQuery } from '../../../shared/forum/types';
import type { Action } from '../../../shared/policy/resources';
import type { ServerContext } from '../../context';
import { auditActorOf, type RequestState } from '../../http/request-state';
import { defineRoute, type RouteRuntime } from '../../http/route';
import { askSpace } from '../spaces/access';
import type { SpaceDoc } from '../spaces/model';
import { spaceAuditContext } from '../spaces/service';
import { forumCollections } from './model';
import { forumSearch, postPage, postRevisions, topicPage, topicsPage } from './reads';

/**
 * Reading forums (topics, posts, search, revisions); writing goes through Socket.IO (see socket.ts). Each route
 * loads the forum once at the edge, asks the exact action on it, and reads from the forum it was handed.
 */
export function forumRoutes(ctx: ServerContext, runtime: RouteRuntime): Router {
  const router = Router();
  void forumCollections(ctx.store).catch((error: unknown) => ctx.logger.error({ err: error }, 'forum indexes failed'));

  const ask = (action: Action) => askSpace(ctx, 'forum', action, ({ params }: { params: Record<string, string> }) => params.forumId ?? '');
  const logView = async (state: RequestState, forum: SpaceDoc, target: { type: string; id: string }) =>
    ctx.services.audit.recordView({ schoolId: forum.schoolId, actor: auditActorOf(state), origin: 'http', target: { ...target, ownerId: null }, context: spaceAuditContext(forum) });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/forums/:forumId/topics',
    query: ForumPageQuery,
    policy: { check: ask('read') },
    async handler({ query, state, subject: forum }) {
      await logView(state, forum, { type: 'forum', id: forum._id });
      return topicsPage(ctx, state.actor!, forum, query.page);
    },
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/forums/:forumId/topics/:topicId',
    query: ForumPageQuery,
    policy: { check: ask('read') },
    async handler({ params, query, state, subject: forum }) {
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
    async handler({ query, state, subject: forum }) {
      return { results: await forumSearch(ctx, state.actor!, forum, query.q) };
    },
  });

  // Where a post is (a notification's link opens its page): only for a post the reader may see.
  defineRoute(router, runtime, {
    method: 'get',
    path: '/forums/:forumId/posts/:postId/page',
    policy: { check: ask('read') },
    handler: ({ params, state, subject: forum }) => postPage(ctx, state.actor!, forum, params.postId ?? ''),
  });

  defineRoute(router, runtime, {
    method: 'get',
    path: '/forums/:forumId/posts/:postId/revisions',
    // Earlier texts may hold what a teacher corrected or hid (a phone number): never for pupil moderators.
    policy: { check: ask('configure') },
    async handler({ params, state, subject: forum }) {
      const revisions = await postRevisions(ctx, forum, params.postId ?? '');
      // Those who configure the forum reading what a pupil wrote before an edit: logged like any view of content.
      await logView(state, forum, { type: 'forumPost', id: params.postId ?? '' });
      return { revisions };
    },
  });

  return router;
}
