/**
 * Issue 12, the attacks on Yjs client ids, written as raw y-websocket frames:
 * - a read-only connection (a parent, a muted pupil, a pupil on a locked pad, a pupil whose write right was just
 *   removed) sends one update under a writer's client id at a higher clock: before, that writer's later edits were
 *   silently dropped for as long as the pad stayed loaded;
 * - a writer publishes presence under the teacher's awareness id while the teacher is away: before, they kept it
 *   and the teacher's own presence was dropped.
 */
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { COLLAB_CLOSE } from '../../../shared/realtime/close-codes';
import { padDocumentName } from '../../../shared/pad/protocol';
import type { SpaceSummary } from '../../../shared/spaces/types';
import type { Browser } from '../../helpers/http';
import { designateModerator, usePersonaWorld } from '../../helpers/personas';
import { forgedUpdate, sendPresence } from './forge';
import { RawClient, addParagraph, connectPad, createPad, eventually, patchSpace, serverText, type PadClient } from './support';

const LIVE_MS = 2_000;

describe('pad: a refused write never affects another connection; presence ids cannot be squatted', () => {
  const { server, world } = usePersonaWorld();
  const clients: PadClient[] = [];
  const open = async (browser: Browser, pad: SpaceSummary): Promise<PadClient> => {
    const client = connectPad(server(), browser, pad.id);
    clients.push(client);
    await client.synced();
    // As the editor does: a first presence state (y-protocols ignores the initial one, at clock 0).
    client.provider.awareness.setLocalStateField('user', { name: 'test', color: '#000000' });
    return client;
  };

  afterAll(() => {
    for (const client of clients) client.destroy();
  });

  /**
   * The victims write, then the attacker (already read-only on its raw connection) sends, for each victim, one
   * update under the victim's client id at the victim's next clock. The attacker is closed (4409) with nothing
   * applied, and every victim's later edits are stored and relayed.
   */
  async function attack(pad: SpaceSummary, attacker: RawClient, victims: PadClient[]): Promise<void> {
    const watcher = await open(world().browsers.parent, pad);
    for (const [index, victim] of victims.entries()) {
      addParagraph(victim.doc, `avant ${index}`);
      await eventually(() => watcher.text().includes(`avant ${index}`), `victim ${index} writes before the attack`);
    }
    for (const victim of victims) attacker.sendUpdate(forgedUpdate(victim.doc, victim.doc.clientID, 'piège'));
    // Until the server handled the forged frames: it closes the attacker, or answers a sync request sent after them.
    const answered = attacker.received.length;
    attacker.requestState();
    await Promise.race([attacker.closed, eventually(() => attacker.received.length > answered, 'the server handled the forged frames')]);

    for (const [index, victim] of victims.entries()) addParagraph(victim.doc, `après ${index}`);
    for (const [index] of victims.entries()) await eventually(() => watcher.text().includes(`après ${index}`), `victim ${index}'s later edit is relayed`);
    expect((await attacker.closed).code).toBe(COLLAB_CLOSE.CLIENT_ID_TAKEN);
    const stored = await serverText(server(), world().browsers.teacher, pad.id);
    for (const [index] of victims.entries()) expect(stored).toContain(`après ${index}`);
    expect(stored).not.toContain('piège');
  }

  async function rawOn(browser: Browser, pad: SpaceSummary): Promise<RawClient> {
    const raw = RawClient.connect(server(), browser, padDocumentName(pad.id));
    await raw.opened;
    await eventually(() => raw.accesses().length > 0, 'the raw connection is told its access');
    return raw;
  }

  it('a parent forging updates under a pupil’s and the teacher’s client ids is closed; their later edits are stored', async () => {
    const pad = await createPad(world().browsers.teacher, world().classId);
    const victims = [await open(world().browsers.pupil, pad), await open(world().browsers.teacher, pad)];
    const raw = await rawOn(world().browsers.parent, pad);
    expect(raw.accesses().at(-1)).toEqual({ mode: 'read', reason: 'reader' });
    await attack(pad, raw, victims);
  });

  it('a muted pupil forging updates under a classmate’s and the teacher’s client ids is closed; their later edits are stored', async () => {
    const pad = await createPad(world().browsers.teacher, world().classId);
    const victims = [await open(world().browsers.pupil, pad), await open(world().browsers.teacher, pad)];
    const raw = await rawOn(world().browsers.pupilModerator, pad);
    expect((await world().browsers.teacher.post(`/api/pads/${pad.id}/mutes`, { userId: world().ids.pupilModerator })).status).toBe(200);
    await eventually(() => raw.accesses().at(-1)?.mode === 'read', 'the pupil is muted', LIVE_MS);
    await attack(pad, raw, victims);
  });

  it('a pupil on a locked pad forging updates under the moderator’s and the teacher’s client ids is closed; their later edits are stored', async () => {
    const pad = await createPad(world().browsers.teacher, world().classId);
    await designateModerator(world(), pad.id);
    const victims = [await open(world().browsers.pupilModerator, pad), await open(world().browsers.teacher, pad)];
    const raw = await rawOn(world().browsers.pupil, pad);
    expect((await patchSpace(world().browsers.teacher, pad.id, { locked: true })).status).toBe(200);
    await eventually(() => raw.accesses().at(-1)?.mode === 'read', 'the pad is locked', LIVE_MS);
    await attack(pad, raw, victims);
  });

  it('a pupil whose write right was just removed, forging updates under a writer’s and the teacher’s client ids, is closed; their later edits are stored', async () => {
    const pad = await createPad(world().browsers.teacher, world().classId, { writers: 'some', writerIds: [world().ids.pupil, world().ids.pupilModerator] });
    const victims = [await open(world().browsers.pupil, pad), await open(world().browsers.teacher, pad)];
    const raw = await rawOn(world().browsers.pupilModerator, pad);
    expect(raw.accesses().at(-1)).toEqual({ mode: 'write' });
    expect((await patchSpace(world().browsers.teacher, pad.id, { writers: 'some', writerIds: [world().ids.pupil] })).status).toBe(200);
    await eventually(() => raw.accesses().at(-1)?.mode === 'read', 'the right is removed', LIVE_MS);
    await attack(pad, raw, victims);
  });

  it('a read-only connection’s own refused edits stay refused, and it is told to start over', async () => {
    const pad = await createPad(world().browsers.teacher, world().classId);
    const raw = await rawOn(world().browsers.parent, pad);
    const own = forgedUpdate(new Y.Doc(), 424_242, 'écrit par un parent');
    raw.sendUpdate(own);
    await eventually(() => raw.refusals().length > 0, 'the parent is told');
    expect(raw.refusals()).toEqual([{ kind: 'diverged' }]);
    expect(await serverText(server(), world().browsers.teacher, pad.id)).toBe('');
    raw.close();
  });

  it('nobody can publish presence under the teacher’s awareness id, even while the teacher is away', async () => {
    const pad = await createPad(world().browsers.teacher, world().classId);
    const teacher = await open(world().browsers.teacher, pad);
    const watcher = await open(world().browsers.parent, pad);
    const teacherId = teacher.doc.clientID;
    const presenceOf = () => watcher.provider.awareness.getStates().get(teacherId) as { user?: { id?: string; name?: string } } | undefined;
    await eventually(() => presenceOf()?.user?.id === world().ids.teacher, 'the teacher’s caret is shown');

    // The teacher's connection drops (a network blip); a pupil who saw the id in presence takes it at once.
    teacher.provider.disconnect();
    await eventually(() => presenceOf() === undefined, 'the teacher’s presence is gone');
    const squatter = await rawOn(world().browsers.pupil, pad);
    sendPresence(squatter, teacherId, { user: { name: 'La maîtresse' }, cursor: null });
    // …and a second attempt later, in case the first arrived early.
    await new Promise((resolve) => setTimeout(resolve, 200));
    sendPresence(squatter, teacherId, { user: { name: 'La maîtresse' } }, 2_000);
    const before = squatter.received.length;
    squatter.requestState();
    await eventually(() => squatter.received.length > before, 'the server handled the squatter’s frames');
    expect(presenceOf()).toBeUndefined();

    // The teacher comes back with the same document (y-websocket reconnects with the same client id).
    teacher.provider.connect();
    teacher.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
    await eventually(() => presenceOf()?.user?.id === world().ids.teacher, 'the teacher’s presence is back, theirs');
    // The squatter's later attempts change nothing.
    sendPresence(squatter, teacherId, { user: { name: 'La maîtresse' } }, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(presenceOf()?.user?.id).toBe(world().ids.teacher);
    squatter.close();
  });

  it('nobody can publish presence under the client id of someone who wrote in the pad', async () => {
    const pad = await createPad(world().browsers.teacher, world().classId);
    const teacher = await open(world().browsers.teacher, pad);
    const watcher = await open(world().browsers.parent, pad);
    addParagraph(teacher.doc, 'La consigne.');
    await eventually(() => watcher.text().includes('La consigne.'), 'the teacher wrote');
    const teacherId = teacher.doc.clientID;
    teacher.destroy();
    await eventually(() => !watcher.provider.awareness.getStates().has(teacherId), 'the teacher left');
    const squatter = await rawOn(world().browsers.pupil, pad);
    sendPresence(squatter, teacherId, { user: { name: 'La maîtresse' } });
    const before = squatter.received.length;
    squatter.requestState();
    await eventually(() => squatter.received.length > before, 'the server handled the squatter’s frames');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(watcher.provider.awareness.getStates().has(teacherId)).toBe(false);
    squatter.close();
  });
});
