import * as Y from 'yjs';
import { padRuntimeOf } from '../../../collab/pad/runtime';
import { padDocumentName } from '../../../shared/pad/protocol';
import type { ServerContext } from '../../context';
import type { SpaceDoc } from '../spaces/model';
import type { ContentCopy } from '../wall/copy';
import { padPlainText } from './content';

/**
 * Prepares the copy of a pad's current text (« avec le contenu »): the live document is made durable first, then
 * its whole state and its attribution are taken, so every passage keeps its author in the copy. Versions, pad
 * reports and mutes stay with the source. Written as the new pad's snapshot inside the duplication's change.
 */
export async function padContentCopier(ctx: ServerContext, source: SpaceDoc): Promise<ContentCopy> {
  const runtime = padRuntimeOf(ctx);
  await runtime.init();
  const taken = await runtime.withPad(source._id, async (document) => {
    await runtime.collab.durable(document);
    return { state: Y.encodeStateAsUpdate(document.doc), attribution: document.attribution.encode(), empty: padPlainText(document.doc).trim() === '' };
  });
  return {
    items: taken.empty ? 0 : 1,
    files: 0,
    discard: async () => undefined,
    async write(target) {
      const name = padDocumentName(target._id);
      await runtime.pads.snapshots.updateOne(
        { _id: name },
        {
          $set: {
            spaceId: target._id,
            schoolId: target.schoolId,
            state: taken.state,
            seq: 0,
            authors: taken.attribution.users,
            attribution: taken.attribution.ranges,
            size: taken.state.byteLength,
            compactedAt: Date.now(),
          },
        },
        { upsert: true },
      );
    },
  };
}
