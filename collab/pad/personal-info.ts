import * as encoding from 'lib0/encoding';
import { PAD_PII_CHECK_DELAY_MS, PAD_PII_CHECK_JITTER_MS, PAD_PII_MAX_REMEMBERED } from '../../shared/pad/limits';
import { COLLAB_MESSAGE, type PadNotice } from '../../shared/pad/protocol';
import { personalInfoHold } from '../../shared/pii/guard';
import type { AuthedRequestState } from '../../server/http/request-state';
import { padPersonalInfoReporter } from '../../server/features/pad/reports';
import { newPersonalInfo } from './passages';
import type { PadDocument, PadRuntime } from './runtime';

/** What waits to be checked in one pad. */
interface Pending {
  /** Per pupil, the Yjs items they created since the last check (flattened triples). */
  items: Map<string, number[]>;
  /** Who they are (name and profiles, as authenticated on their connection). */
  people: Map<string, AuthedRequestState>;
  timer: NodeJS.Timeout;
  /** When the last of these changes was noted (Date.now()): the check's log line says up to when it looked. */
  notedAt: number;
}

function noticeFrame(notice: PadNotice): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, COLLAB_MESSAGE.NOTICE);
  encoding.writeVarString(encoder, JSON.stringify(notice));
  return encoding.toUint8Array(encoder);
}

/**
 * The personal-information guard of pads, kept off the hot path: a flush only notes which Yjs items a pupil
 * created (no text is read); PAD_PII_CHECK_DELAY_MS after a pad's first unchecked change (plus some jitter, so
 * pads that started together are not all checked in the same turn), the paragraphs those items are in are read
 * and checked with `personalInfoHold`. Personal information that a pupil's new text brought in (and that was
 * not reported for them yet) files a report on the pad, and that pupil's editors are told (NOTICE) in words a
 * child understands.
 */
export class PersonalInfoWatch {
  private readonly pending = new Map<string, Pending>();
  /** Per pad, `userId|passage` already reported (so one number is reported once). */
  private readonly reported = new Map<string, Set<string>>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly runtime: PadRuntime) {}

  /** Hot path, once per flush and user: remembers what a pupil wrote, to check it later. */
  note(document: PadDocument, state: AuthedRequestState, ranges: readonly number[]): void {
    if (ranges.length === 0 || !state.user.profiles.includes('pupil')) return;
    let pending = this.pending.get(document.name);
    if (!pending) {
      const name = document.name;
      const delay = PAD_PII_CHECK_DELAY_MS + Math.floor(Math.random() * PAD_PII_CHECK_JITTER_MS);
      pending = { items: new Map(), people: new Map(), timer: setTimeout(() => void this.settle(name), delay), notedAt: 0 };
      pending.timer.unref();
      this.pending.set(name, pending);
    }
    const items = pending.items.get(state.user._id);
    if (items) for (const value of ranges) items.push(value);
    else pending.items.set(state.user._id, [...ranges]);
    pending.people.set(state.user._id, state);
    pending.notedAt = Date.now();
  }

  /** Checks what waits in a pad now and resolves once its reports are filed (before a redaction, an unload). */
  settle(name: string): Promise<void> {
    const pending = this.pending.get(name);
    if (pending) {
      this.pending.delete(name);
      clearTimeout(pending.timer);
      const previous = this.running.get(name) ?? Promise.resolve();
      const run = previous
        .then(() => this.check(name, pending))
        .catch((error: unknown) => this.runtime.ctx.logger.error({ err: error, doc: name }, 'pad: the personal-information check failed'));
      this.running.set(name, run);
      void run.finally(() => {
        if (this.running.get(name) === run) this.running.delete(name);
      });
    }
    return this.running.get(name) ?? Promise.resolve();
  }

  /** Forgets a pad (unloaded). */
  forget(name: string): void {
    const pending = this.pending.get(name);
    if (pending) clearTimeout(pending.timer);
    this.pending.delete(name);
    this.reported.delete(name);
  }

  private async check(name: string, pending: Pending): Promise<void> {
    const document = this.runtime.collab.loaded(name);
    const pad = this.runtime.stateOf(name);
    if (!document || !pad) return;
    const byUser = new Map<string, string[]>();
    const reported = this.reported.get(name) ?? new Set<string>();
    this.reported.set(name, reported);
    for (const found of newPersonalInfo(document.doc, pending.items)) {
      const key = `${found.userId}|${found.match.text.replace(/\s+/g, '')}`;
      if (reported.has(key)) continue;
      reported.add(key);
      byUser.set(found.userId, [...(byUser.get(found.userId) ?? []), found.passage]);
    }
    while (reported.size > PAD_PII_MAX_REMEMBERED) reported.delete(reported.values().next().value!);
    for (const [userId, passages] of byUser) {
      const state = pending.people.get(userId);
      const kinds = state ? personalInfoHold(state.user.profiles, passages.join('\n')) : [];
      if (!state || kinds.length === 0) continue;
      const report = await padPersonalInfoReporter(this.runtime.ctx, pad.target, { userId, name: state.user.displayName, kinds, passages });
      if (!report) continue;
      const frame = noticeFrame({ kind: 'personalInfo', kinds });
      for (const connection of document.connections) if (connection.userId === userId) connection.send(frame);
    }
    // After the reports were filed and the pupils told: what the pad's tests wait for (no fixed delay).
    this.runtime.ctx.logger.debug({ doc: name, notedUntil: pending.notedAt, usersWithNewFindings: byUser.size }, 'pad: personal information checked');
  }
}
