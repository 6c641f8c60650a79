import { AuthorIndex, authoredRuns, padTextRuns } from '../../../shared/pad/authorship';
import { padRuntimeOf } from '../../../collab/pad/runtime';
import type { ServerContext } from '../../context';
import type { SpaceDoc } from '../spaces/model';

/** One pad and the passages one person wrote in it, as it is now. */
export interface PadPassages {
  spaceId: string;
  title: string;
  passages: string[];
}

/**
 * The passages this person wrote in each pad, from the server's attribution (the ranges of Yjs items their
 * connections were credited with, as the family page reads them): what was redacted or deleted since is gone.
 * Only their own runs: the text others wrote around them is theirs, not this person's.
 */
export async function padPassagesOf(ctx: ServerContext, pads: readonly SpaceDoc[], userId: string): Promise<PadPassages[]> {
  const found: PadPassages[] = [];
  for (const pad of pads) {
    const passages = await padRuntimeOf(ctx).withPad(pad._id, (document) => {
      const users = [...document.attribution.users];
      if (!users.includes(userId)) return [];
      const index = new AuthorIndex({ authors: users.map((id) => ({ id, name: '', color: '' })), ranges: document.attribution.toFlat() });
      const runs: string[] = [];
      for (const text of padTextRuns(document.doc)) for (const run of authoredRuns(text, index)) if (run.author?.id === userId && run.text.trim() !== '') runs.push(run.text);
      return runs;
    });
    if (passages.length > 0) found.push({ spaceId: pad._id, title: pad.title, passages });
  }
  return found;
}
