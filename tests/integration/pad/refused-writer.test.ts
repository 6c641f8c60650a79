/**
 * Issue 12: mute/unmute or lock/unlock while a pupil types lost everything typed after the restore (the keystrokes
 * in flight when the mute landed refused their client id for good, silently). The pupil here is the editor's own
 * client (client/src/features/pad/session.ts), typing whenever its editor accepts typing, with and without 150 ms
 * of latency each way. Everything typed after the right came back must be stored and relayed, and every keystroke
 * must be either stored or handed back to the pupil (never silently lost).
 */
import { describe, expect, it } from 'vitest';
import type { SpaceSummary } from '../../../shared/spaces/types';
import type { PadSession } from '../../../client/src/features/pad/session';
import { usePersonaWorld } from '../../helpers/personas';
import { editable, openSession } from './session-support';
import { connectPad, createPad, eventually, patchSpace, serverText, typeText } from './support';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Typed {
  token: string;
  after: boolean;
}

/** Types a token every 15 ms whenever the editor accepts typing, until stopped. */
function typist(session: PadSession, prefix: string) {
  const typed: Typed[] = [];
  let after = false;
  let typing = true;
  const done = (async () => {
    for (let i = 0; typing; i++) {
      await pause(15);
      const state = session.getState();
      if (!editable(state) || !state.collab) continue;
      const token = `[${prefix}${i}]`;
      typeText(state.collab.doc, token);
      typed.push({ token, after });
    }
  })();
  return {
    typed,
    regained: () => (after = true),
    stop: async () => {
      typing = false;
      await done;
    },
  };
}

describe('pad: a refused writer recovers, and nothing typed after regaining the right is lost', () => {
  const { server, world } = usePersonaWorld();


  async function restrictWhileTyping(pad: SpaceSummary, latencyMs: number, restrict: () => Promise<void>, restore: () => Promise<void>, run: string): Promise<void> {
    const session = openSession(server(), world().browsers.pupil, pad.id, { latencyMs });
    const shownBack: string[] = [];
    session.subscribe(() => {
      const refused = session.getState().refused;
      if (refused && !shownBack.includes(refused.text)) shownBack.push(refused.text);
    });
    try {
      await eventually(() => editable(session.getState()), 'the pupil may write');
      const pupil = typist(session, run);
      await pause(300);
      await restrict();
      await eventually(() => session.getState().access?.mode === 'read', 'the pupil’s editor turns read-only', 3_000);
      await pause(300);
      await restore();
      await eventually(() => editable(session.getState()), 'the pupil may write again', 5_000);
      pupil.regained();
      await pause(600);
      await pupil.stop();

      const after = pupil.typed.filter((entry) => entry.after).map((entry) => entry.token);
      expect(after.length).toBeGreaterThan(10);
      const classmate = connectPad(server(), world().browsers.pupilModerator, pad.id);
      try {
        await classmate.synced();
        await eventually(() => after.every((token) => classmate.text().includes(token)), 'everything typed after the restore reaches a classmate');
      } finally {
        classmate.destroy();
      }
      const stored = await serverText(server(), world().browsers.teacher, pad.id);
      const missing = after.filter((token) => !stored.includes(token));
      expect(missing, `typed after the restore, not stored (run ${run})`).toEqual([]);
      // Nothing silently lost: what the server refused was handed back to the pupil.
      const lost = pupil.typed.filter(({ token }) => !stored.includes(token) && !shownBack.some((text) => text.includes(token)));
      expect(lost, `neither stored nor shown back (run ${run})`).toEqual([]);
    } finally {
      session.destroy();
    }
  }

  const mute = (pad: SpaceSummary) => async () => {
    expect((await world().browsers.teacher.post(`/api/pads/${pad.id}/mutes`, { userId: world().ids.pupil })).status).toBe(200);
  };
  const unmute = (pad: SpaceSummary) => async () => {
    expect((await world().browsers.teacher.send('DELETE', `/api/pads/${pad.id}/mutes/${world().ids.pupil}`)).status).toBe(200);
  };
  const lock = (pad: SpaceSummary, locked: boolean) => async () => {
    expect((await patchSpace(world().browsers.teacher, pad.id, { locked })).status).toBe(200);
  };

  for (const latencyMs of [0, 150]) {
    it(`mute then unmute while the pupil types (${latencyMs} ms of latency each way), three times`, async () => {
      const pad = await createPad(world().browsers.teacher, world().classId);
      for (let run = 0; run < 3; run++) await restrictWhileTyping(pad, latencyMs, mute(pad), unmute(pad), `m${latencyMs}-${run}-`);
    });
  }

  it('lock then unlock while the pupil types (150 ms of latency each way), twice', async () => {
    const pad = await createPad(world().browsers.teacher, world().classId);
    for (let run = 0; run < 2; run++) await restrictWhileTyping(pad, 150, lock(pad, true), lock(pad, false), `l${run}-`);
  });

  it('hands back what was typed while refused, and the pupil writes on at once after the restore', async () => {
    const pad = await createPad(world().browsers.teacher, world().classId);
    const session = openSession(server(), world().browsers.pupil, pad.id, { latencyMs: 150 });
    try {
      await eventually(() => editable(session.getState()), 'the pupil may write');
      const first = session.getState().collab!;
      typeText(first.doc, 'Bonjour. ');
      await eventually(async () => (await serverText(server(), world().browsers.teacher, pad.id)) === 'Bonjour. ', 'stored');
      // The mute lands while these keystrokes are on their way (the pupil's editor learns it 150 ms later).
      await mute(pad)();
      await pause(60);
      typeText(first.doc, 'Pendant la sourdine.');
      await eventually(() => session.getState().refused !== null, 'the refused text is handed back', 5_000);
      expect(session.getState().refused?.text).toBe('Pendant la sourdine.');
      expect(session.getState().collab!.doc.clientID).not.toBe(first.doc.clientID);
      expect(session.getState().access).toEqual({ mode: 'read', reason: 'muted' });
      await unmute(pad)();
      await eventually(() => editable(session.getState()), 'the pupil may write again');
      typeText(session.getState().collab!.doc, 'Après.');
      await eventually(async () => (await serverText(server(), world().browsers.teacher, pad.id)) === 'Bonjour. Après.', 'what follows the restore is stored');
    } finally {
      session.destroy();
    }
  });
});
