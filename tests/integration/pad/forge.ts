/** Forged y-websocket frames, as a hostile client would send them. */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { COLLAB_MESSAGE, PAD_FRAGMENT } from '../../../shared/pad/protocol';
import type { RawClient } from './support';

/** An update inserting a paragraph under `clientId`, continuing `base` (the items that id already has). */
export function forgedUpdate(base: Y.Doc, clientId: number, text: string): Uint8Array {
  const forged = new Y.Doc();
  Y.applyUpdate(forged, Y.encodeStateAsUpdate(base));
  // Set after the base is in (Yjs would pick another id on seeing its own in a remote update): the new items
  // continue that id's clock.
  forged.clientID = clientId;
  const before = Y.encodeStateVector(forged);
  forged.transact(() => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    forged.getXmlFragment(PAD_FRAGMENT).insert(forged.getXmlFragment(PAD_FRAGMENT).length, [paragraph]);
  });
  return Y.encodeStateAsUpdate(forged, before);
}

/** Sends an awareness state under any client id, with a clock far above any real one. */
export function sendPresence(raw: RawClient, clientId: number, state: Record<string, unknown> | null, clock = 1_000): void {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, COLLAB_MESSAGE.AWARENESS);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  raw.send(encoding.toUint8Array(frame));
}
