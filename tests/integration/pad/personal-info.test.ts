/**
 * The personal-information guard of pads (« pad reports »): a pad's text is co-written live, so when a pupil's
 * text brings a phone number into it, Préau reports the pad to the teachers (category « information
 * personnelle », the passage quoted, reporter `system`): the teacher's console socket gets it at once, and the
 * pupil's editor is told. Adults' text is not reported; text that was there before is not reported again.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportView } from '../../../shared/moderation/types';
import { padDocumentName } from '../../../shared/pad/protocol';
import type { SpaceSummary } from '../../../shared/spaces/types';
import type { Browser } from '../../helpers/http';
import { personaWorld, type PersonaWorld } from '../../helpers/personas';
import { startServer, type TestServer } from '../../helpers/server';
import { collect, nextEvent, openSocket, signedIn } from '../../helpers/sockets';
import { addParagraph, connectPad, createPad, eventually, padText, typeText, type PadClient } from './support';

/** A bound on waits for something that should happen within seconds (a check runs 2–3 s after a change). */
const WAIT_MS = 20_000;
/** Keystrokes apart, as a pupil types (each one its own flush). */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('pad: pupils’ personal information is reported to the teachers', () => {
  let server: TestServer;
  let world: PersonaWorld;
  let chloe: Browser;
  let pad: SpaceSummary;
  let console_: Socket;
  let reports: ReportView[];
  const clients: PadClient[] = [];
  /**
   * Resolves once the server checked this pad's changes noted at or after `since` (its debug log line, written
   * after the reports were filed and the editors told), then after a round trip on the console's socket: a report
   * broadcast by that check has reached `reports` by then.
   */
  const checked = async (since: number): Promise<void> => {
    const name = padDocumentName(pad.id);
    await eventually(
      () =>
        server
          .output()
          .split('\n')
          .some((line) => {
            if (!line.includes('personal information checked') || !line.includes(name)) return false;
            const { notedUntil } = JSON.parse(line) as { notedUntil: number };
            return notedUntil >= since;
          }),
      'the personal-information check of the latest changes',
      WAIT_MS,
    );
    await console_.timeout(10_000).emitWithAck('moderation:join', { scope: { kind: 'class', classId: world.classId } });
  };
  const open = async (browser: Browser): Promise<PadClient> => {
    const client = connectPad(server, browser, pad.id);
    clients.push(client);
    await client.synced();
    return client;
  };

  beforeAll(async () => {
    server = await startServer({ env: { LOG_LEVEL: 'debug' } });
    world = await personaWorld(server);
    chloe = await signedIn(server, 'chloe.nguyen');
    pad = await createPad(world.browsers.teacher, world.classId);
    console_ = await openSocket(server, world.browsers.teacher);
    const joined = (await console_.timeout(10_000).emitWithAck('moderation:join', { scope: { kind: 'class', classId: world.classId } })) as { ok: boolean };
    expect(joined.ok).toBe(true);
    reports = collect<ReportView>(console_, 'moderation:report');
  });
  afterAll(async () => {
    console_?.close();
    for (const client of clients) client.destroy();
    await server?.stop();
    server?.cleanup();
  });

  it('a pupil writes a phone number: the teacher’s console gets a report quoting the passage, and the pupil is told', async () => {
    const lea = await open(world.browsers.pupil);
    addParagraph(lea.doc, 'Pour la sortie, appelle-moi au 06 12 34 56 78 ce soir.');
    const report = await nextEvent<ReportView>(console_, 'moderation:report', (view) => view.spaceId === pad.id, WAIT_MS);
    expect(report).toMatchObject({ kind: 'pad', itemId: pad.id, category: 'information_personnelle', reporterId: 'system', status: 'open' });
    expect(report.quote).toContain('06 12 34 56 78');
    expect(report.quote).toContain('appelle-moi');
    expect(report.text).toContain('Léa Martin');
    await eventually(() => lea.notices.length > 0, 'the pupil’s editor is told');
    expect(lea.notices).toEqual([{ kind: 'personalInfo', kinds: ['phone'] }]);

    // Filed by Préau itself, with its audit event.
    const audit = await world.browsers.director.get<{ items: Array<{ actor: { userId: string | null }; target: { id: string; ownerId: string } }> }>(
      `/api/audit?event=report.created&spaceId=${pad.id}`,
    );
    expect(audit.body.items).toEqual([expect.objectContaining({ actor: expect.objectContaining({ userId: null }), target: expect.objectContaining({ id: pad.id, ownerId: world.ids.pupil }) })]);

    // A teacher joining the console later finds it among the open reports.
    const late = await openSocket(server, world.browsers.teacher);
    const queue = (await late.timeout(10_000).emitWithAck('moderation:join', { scope: { kind: 'space', spaceId: pad.id } })) as { ok: boolean; data: { reports: ReportView[] } };
    late.close();
    expect(queue.data.reports.map((view) => view.id)).toContain(report.id);
  });

  it('typing next to a number already there reports nothing new; an adult’s number is not reported', async () => {
    const lea = await open(world.browsers.pupil);
    const count = reports.length;
    const since = Date.now();
    typeText(lea.doc, ' Merci !');
    const teacher = await open(world.browsers.teacher);
    addParagraph(teacher.doc, 'Le secrétariat : 03 26 00 00 00.');
    await eventually(() => padText(lea.doc).includes('03 26 00 00 00'), 'the teacher’s text is relayed (so stored)');
    await checked(since);
    expect(reports.length).toBe(count);
    expect(lea.notices).toEqual([]);
  });

  it('a number typed digit by digit, by another pupil, is reported whole, added to the pad’s open report', async () => {
    const writer = await open(chloe);
    addParagraph(writer.doc, 'Mon numéro : ');
    let lastKeystroke = 0;
    for (const char of '07 98 76 54 32') {
      lastKeystroke = Date.now();
      typeText(writer.doc, char);
      await pause(150);
    }
    // From the collected reports: the check may run, and its report arrive, before the last pause is over.
    const whole = (view: ReportView) => view.spaceId === pad.id && view.quote.includes('07 98 76 54 32');
    await eventually(() => reports.some(whole), 'the report quoting the whole number', WAIT_MS);
    const report = reports.find(whole)!;
    expect(report.text).toContain('Chloé Nguyen');
    // One open report per pad: the first passage is still quoted.
    expect(report.quote).toContain('06 12 34 56 78');
    await eventually(() => writer.notices.length > 0, 'the pupil’s editor is told');
    // Every check of the typing ran (the last keystroke's too): the number was reported once.
    await checked(lastKeystroke);
    expect(reports.filter((view) => view.quote.includes('07 98 76 54 32')).length).toBe(1);
  });
});
