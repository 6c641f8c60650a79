import type { ForumPostView } from '../../../../shared/forum/types';
import type { ForumKey } from './i18n';

/**
 * What the author of a new post or of an edit is told once the server answered: held for personal information
 * (« un enseignant va le relire avant que la classe le voie »), waiting for a moderator, or nothing special.
 */
export function postNoticeKey(post: ForumPostView, what: 'new' | 'edit'): ForumKey | null {
  if (post.personalInfo) return what === 'new' || post.status === 'pending' || post.pendingBody ? 'editor.sentPersonalInfo' : null;
  if (what === 'new') return post.status === 'pending' ? 'editor.sentPending' : 'editor.sent';
  return post.pendingBody ? 'editor.changePending' : null;
}
