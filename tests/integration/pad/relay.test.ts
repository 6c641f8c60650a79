import { describe, expect, it } from 'vitest';
import { usePersonaWorld } from '../../helpers/personas';
import { addParagraph, connectPad, createPad, eventually, type PadClient } from './support';

/**
 * Broadcasts are framed once for all of a pad's connections and written to each socket as they are (not through
 * `ws.send`): every frame length encoding of RFC 6455 must reach y-websocket clients live, without the connection
 * being dropped as malformed (after which a resync would hide the fault).
 */
describe('pad: the relay frames every size of update', () => {
  const { server, world } = usePersonaWorld();

  it('relays short, 16-bit and 64-bit length frames, with the carets in the same writes, to every peer on its open connection', async () => {
    const pad = await createPad(world().browsers.teacher, world().classId);
    const writer = connectPad(server(), world().browsers.pupil, pad.id);
    const peers = [connectPad(server(), world().browsers.pupilModerator, pad.id), connectPad(server(), world().browsers.parent, pad.id)];
    const clients: PadClient[] = [writer, ...peers];
    const closes: number[] = [];
    for (const client of clients) client.provider.on('connection-close', (event) => closes.push(event?.code ?? 0));
    try {
      await Promise.all(clients.map((client) => client.synced()));
      // Under 126 bytes, under 64 KiB, and over 64 KiB once framed.
      const texts = ['Court.', `Moyen ${'m'.repeat(300)}.`, `Long ${'l'.repeat(100_000)}.`];
      for (const [step, text] of texts.entries()) {
        // An edit and the caret that follows it: relayed together, two frames in one write.
        addParagraph(writer.doc, text);
        writer.provider.awareness.setLocalStateField('cursor', { step });
        await eventually(() => peers.every((peer) => peer.text().includes(text)), `every peer receives ${text.length} characters`);
        const caret = (peer: PadClient) => (peer.provider.awareness.getStates().get(writer.doc.clientID) as { cursor?: { step: number } } | undefined)?.cursor?.step;
        await eventually(() => peers.every((peer) => caret(peer) === step), `every peer sees the caret of step ${step}`);
      }
      expect(closes).toEqual([]);
      for (const peer of peers) expect(peer.text()).toBe(writer.text());
    } finally {
      for (const client of clients) client.destroy();
    }
  });
});
