/**
 * One word per state, in every space (chat, wall, forum, pad), in the notifications and in the console: a *hidden*
 * item (« masqué ») waits for a teacher and may come back; a *deleted* one (« supprimé ») is gone. Before, a hidden
 * chat message read « supprimé » in the room while its author's notification said « masqué ».
 */
export type RemovalLabel = 'hiddenByModerator' | 'removedByModerator' | 'removedByAuthor';

/** The French stem each state's wording must use, and the other state's it must not (checked by the labels test). */
export const REMOVAL_WORDS_FR = { hidden: 'masqu', deleted: 'supprim' } as const;

/** The label of a removed item: hidden is always a moderator's doing; deleted says by whom. */
export function removalLabel(status: 'hidden' | 'deleted', removedBy: 'author' | 'moderator' | null): RemovalLabel {
  if (status === 'hidden') return 'hiddenByModerator';
  return removedBy === 'author' ? 'removedByAuthor' : 'removedByModerator';
}
