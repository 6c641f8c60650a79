import * as Y from 'yjs';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import { SYNC_STEP } from '../../shared/pad/protocol';
import type { Logger } from '../../server/logger';
import { REMOTE_ORIGIN, syncFrame, type CollabDocument } from '../core/document';
import type { FlushShare } from '../core/flusher';
import type { CollabFanout, FanoutSink } from './fanout';

/**
 * The collab server's side of the fanout: what it sends the other nodes after each flush, and what it does with
 * theirs (for the documents it holds only: a document loaded later reads the store, where every entry was
 * written before it was added to its stream).
 */
export function clusterLinks<C>(options: {
  fanout: CollabFanout;
  documents: ReadonlyMap<string, CollabDocument<C>>;
  /** Reads what the store holds of a document into it (REMOTE_ORIGIN), when updates may have been missed. */
  catchUp: ((document: CollabDocument<C>) => Promise<void>) | undefined;
  logger: Logger;
}): { share: FlushShare<C>; sink: FanoutSink } {
  const { fanout, documents, catchUp, logger } = options;
  const share: FlushShare<C> = {
    updates(batch) {
      fanout.publishUpdates(
        batch.map(({ document, update, authors }) => ({ name: document.name, update, authors: authors.map(({ userId, ranges }) => ({ userId, ranges })) })),
      );
    },
    awareness: (document, update) => fanout.publishAwareness(document.name, update),
  };

  async function catchUpOne(document: CollabDocument<C>): Promise<void> {
    if (!catchUp) return;
    await document.ready;
    const before = Y.encodeStateVector(document.doc);
    await catchUp(document);
    // Relayed as one update: what the store held and this node did not (the delete set is always whole).
    document.broadcast([syncFrame(SYNC_STEP.UPDATE, Y.encodeStateAsUpdate(document.doc, before))]);
  }

  const sink: FanoutSink = {
    update(name, update, authors) {
      const document = documents.get(name);
      if (!document) return;
      document.applyRemote(update, authors);
      // Already durable (stored by the node that accepted it): relayed at once.
      document.broadcast([syncFrame(SYNC_STEP.UPDATE, update)]);
    },
    awareness(name, update) {
      const document = documents.get(name);
      // Goes out to this node's connections with the next flush (the document's awareness marks it changed).
      if (document) applyAwarenessUpdate(document.awareness, update, REMOTE_ORIGIN);
    },
    catchUp() {
      for (const document of documents.values()) {
        catchUpOne(document).catch((error: unknown) => logger.error({ err: error, documentName: document.name }, 'collab: catching up from the store failed'));
      }
    },
  };
  return { share, sink };
}
