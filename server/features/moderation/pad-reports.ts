import { AppError } from '../../../shared/errors';
import { registerModerationAdapter } from './adapters';
import { loadSpace } from '../spaces/service';

/**
 * Reports on a pad (with the quoted passage) reach the consoles like any report. Acting on a pad happens in the
 * pad itself (lock, mute a pupil, restore a version, redact a passage: the Pad issue), so this adapter only
 * describes the pad and refuses content actions.
 */
registerModerationAdapter({
  kind: 'pad',
  async load(ctx, spaceId, itemId) {
    if (itemId !== spaceId) return null;
    const space = await ctx.store.collection<{ _id: string; schoolId: string }>('spaces').findOne({ _id: spaceId, kind: 'pad', archived: false });
    if (!space) return null;
    const pad = await loadSpace(ctx, spaceId, space.schoolId);
    return {
      kind: 'pad',
      id: pad._id,
      spaceId: pad._id,
      classId: pad.scope.kind === 'class' ? pad.scope.classId : null,
      authorId: null,
      authorName: null,
      state: 'visible',
      version: pad.version,
      excerpt: pad.title,
      createdAt: pad.createdAt,
      schoolId: pad.schoolId,
      content: { title: pad.title },
    };
  },
  apply() {
    return Promise.reject(new AppError('VALIDATION', 'A pad is moderated from the pad itself: lock, mute, restore a version or redact'));
  },
  plainText: (item) => String(item.content.title ?? ''),
  fromPlainText() {
    throw new AppError('VALIDATION', 'A pad is corrected from the pad itself');
  },
  pending: () => Promise.resolve([]),
  recent: () => Promise.resolve([]),
});
