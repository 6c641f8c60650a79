import type { Profile } from '../identity/profiles';
import { personalInfoKinds, type PiiKind } from './detect';

/**
 * The personal-information guard, the same in every space (chat, forum, wall cards and comments, pads): what a
 * PUPIL sends that seems to hold personal information (a phone number, an e-mail or postal address) is held for
 * review, seen only by its author and the space's moderators (marked « information personnelle »), until a teacher
 * approves or deletes it. The client warns first (the pupil may correct it or send anyway); the server decides
 * from the text itself, whatever the client did. Adults' contributions are not held (they are responsible for
 * what they write; the moderators still see the flag).
 *
 * Returns the kinds found when the contribution must be held, or an empty list.
 */
export function personalInfoHold(authorProfiles: readonly Profile[], text: string): PiiKind[] {
  return guardedAuthor(authorProfiles) ? personalInfoKinds(text) : [];
}

/** Whether the guard holds this author's contributions (a pupil's; not an adult's): the client words its warning so. */
export function guardedAuthor(authorProfiles: readonly Profile[]): boolean {
  return authorProfiles.includes('pupil') && !authorProfiles.some((profile) => profile === 'teacher' || profile === 'director');
}
