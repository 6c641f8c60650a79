import { AppError } from '../../../shared/errors';
import { registerModerationAdapter } from './adapters';

/**
 * Reports on a pad (with the quoted passage) reach the consoles like any report. Acting on a pad happens in the
 * pad itself (lock, mute a pupil, restore a version, redact a passage), so this adapter only describes the pad
 * and refuses content actions.
 */
registerModerationAdapter({
  kind: 'pad',
  async load(_ctx, space, itemId) {
    if (itemId !== space._id || space.kind !== 'pad') return null;
    return {
      kind: 'pad',
      id: space._id,
      spaceId: space._id,
      classId: space.scope.kind === 'class' ? space.scope.classId : null,
      authorId: null,
      authorName: null,
      state: 'visible',
      version: space.version,
      excerpt: space.title,
      createdAt: space.createdAt,
      personalInfo: false,
      pendingEdit: false,
      pendingExcerpt: null,
      schoolId: space.schoolId,
      content: { title: space.title },
      pendingContent: null,
      firstReview: false,
    };
  },
  apply() {
    return Promise.reject(new AppError('VALIDATION', 'A pad is moderated from the pad itself: lock, mute, restore a version or redact'));
  },
  readableBy: () => true,
  plainText: (item) => String(item.content.title ?? ''),
  fromPlainText() {
    throw new AppError('VALIDATION', 'A pad is corrected from the pad itself');
  },
  pending: () => Promise.resolve([]),
  recent: () => Promise.resolve([]),
});
