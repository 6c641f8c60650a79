import { PAD_MAX_CLAIMED_CLIENTS } from '../../shared/pad/limits';
import type { Attribution } from './attribution';

/** Why a user may not use a Yjs client id. */
export type ClaimRefusal = 'taken' | 'full';

/**
 * Who owns each Yjs client id of a document. An id belongs to the user who first used it here: through accepted
 * content (the attribution, stored with the pad, so it holds across reloads), or, without content, through their
 * presence or a refused write (a claim, kept while the document is loaded). Nobody else may write, or show a
 * caret, under it: a refused write can only ever refuse ids of its own author, never another user's edits.
 *
 * An id is refused for good once a read-only connection of its owner sent items under it (typed while muted or
 * locked): they are never published later, and the owner's editor starts over under a new id.
 */
export class ClientIds {
  private readonly claims = new Map<number, string>();
  private readonly refused = new Set<number>();

  constructor(private readonly attribution: Attribution) {}

  /** The user this id belongs to, if anyone's. */
  ownerOf(client: number): string | undefined {
    return this.attribution.ownerOf(client) ?? this.claims.get(client);
  }

  /** Whether the id is known here at all (a server edit picks an id nobody uses). */
  has(client: number): boolean {
    return this.claims.has(client) || this.attribution.hasClient(client);
  }

  /**
   * Makes the id `userId`'s if nobody owns it yet. Returns null when it is (now) theirs, 'taken' when it is
   * someone else's, 'full' when the document may not remember one more claim.
   */
  claim(client: number, userId: string): ClaimRefusal | null {
    const owner = this.ownerOf(client);
    if (owner !== undefined) return owner === userId ? null : 'taken';
    if (this.claims.size >= PAD_MAX_CLAIMED_CLIENTS) return 'full';
    this.claims.set(client, userId);
    return null;
  }

  /** Refuses an id for good (its owner's items under it are never accepted). The caller made sure it is theirs. */
  refuse(client: number): void {
    this.refused.add(client);
  }

  isRefused(client: number): boolean {
    return this.refused.has(client);
  }
}
