import type { Charter, CharterState } from '../../../shared/identity/api';
import type { Profile } from '../../../shared/identity/profiles';
import { mainProfile } from '../../http/request-state';
import type { BaseDoc, Store } from '../../storage/port';
import { DuplicateKeyError } from '../../storage/port';
import { DEFAULT_CHARTERS } from './defaults';

export interface CharterDoc extends BaseDoc {
  schoolId: string;
  profile: Profile;
  version: number;
  title: string;
  body: string;
  publishedAt: number;
  publishedBy: string | null;
}

/** One acceptance: who, which version, when (BRIEF rule 2). */
export interface AcceptanceDoc extends BaseDoc {
  schoolId: string;
  userId: string;
  profile: Profile;
  version: number;
  charterId: string;
  acceptedAt: number;
}

export function presentCharter(doc: CharterDoc): Charter {
  return { id: doc._id, profile: doc.profile, version: doc.version, title: doc.title, body: doc.body, publishedAt: doc.publishedAt };
}

/** Versioned charters per school and profile, and their acceptances. */
export class CharterService {
  readonly charters;
  readonly acceptances;

  constructor(store: Store) {
    this.charters = store.collection<CharterDoc>('charters');
    this.acceptances = store.collection<AcceptanceDoc>('charterAcceptances');
  }

  async init(): Promise<void> {
    await this.charters.ensureIndexes([{ fields: { schoolId: 1, profile: 1, version: 1 }, unique: true }]);
    await this.acceptances.ensureIndexes([
      { fields: { userId: 1, profile: 1, version: 1 }, unique: true },
      { fields: { schoolId: 1, acceptedAt: -1 } },
    ]);
  }

  /** The current charter of a profile; the default text becomes version 1 the first time it is asked for. */
  async current(schoolId: string, profile: Profile): Promise<CharterDoc> {
    const latest = await this.charters.findOne({ schoolId, profile }, { sort: { version: -1 } });
    if (latest) return latest;
    const fallback = DEFAULT_CHARTERS[profile];
    try {
      return await this.charters.insertOne({
        _id: `${schoolId}:${profile}:1`,
        schoolId,
        profile,
        version: 1,
        title: fallback.title,
        body: fallback.body,
        publishedAt: Date.now(),
        publishedBy: null,
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) return this.current(schoolId, profile);
      throw error;
    }
  }

  /**
   * Publishes a new version; every user of that profile must accept it again. Returns it with the version it
   * replaces. Run in the caller's transaction (with its audit event), the read and the insert are one step.
   */
  async publish(input: { schoolId: string; profile: Profile; title: string; body: string; by: string }): Promise<{ before: CharterDoc; published: CharterDoc }> {
    for (;;) {
      const before = await this.current(input.schoolId, input.profile);
      const version = before.version + 1;
      try {
        const published = await this.charters.insertOne({
          _id: `${input.schoolId}:${input.profile}:${version}`,
          schoolId: input.schoolId,
          profile: input.profile,
          version,
          title: input.title,
          body: input.body,
          publishedAt: Date.now(),
          publishedBy: input.by,
        });
        return { before, published };
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    }
  }

  /** Every version, newest first (the default text is version 1 even if nobody has read it yet). */
  async history(schoolId: string, profile: Profile): Promise<CharterDoc[]> {
    await this.current(schoolId, profile);
    return this.charters.find({ schoolId, profile }, { sort: { version: -1 }, limit: 100 });
  }

  /** Which of the user's profiles still have a charter to accept. */
  async state(user: { _id: string; schoolId: string; profiles: Profile[] }): Promise<CharterState> {
    const pending: CharterState['pending'] = [];
    let mainVersion = 0;
    const main = mainProfile(user.profiles);
    for (const profile of user.profiles) {
      const charter = await this.current(user.schoolId, profile);
      if (profile === main) mainVersion = charter.version;
      const accepted = await this.acceptances.findOne({ userId: user._id, profile, version: charter.version });
      if (!accepted) pending.push({ profile, version: charter.version });
    }
    return { accepted: pending.length === 0, version: mainVersion, pending };
  }

  /** Records an acceptance of the current version; refuses a stale version. Returns false when already accepted. */
  async accept(user: { _id: string; schoolId: string }, profile: Profile, version: number): Promise<{ charter: CharterDoc; created: boolean }> {
    const charter = await this.current(user.schoolId, profile);
    if (charter.version !== version) throw new StaleCharterError(charter.version);
    try {
      await this.acceptances.insertOne({
        schoolId: user.schoolId,
        userId: user._id,
        profile,
        version,
        charterId: charter._id,
        acceptedAt: Date.now(),
      });
      return { charter, created: true };
    } catch (error) {
      if (error instanceof DuplicateKeyError) return { charter, created: false };
      throw error;
    }
  }
}

export class StaleCharterError extends Error {
  constructor(readonly currentVersion: number) {
    super(`The charter is now at version ${currentVersion}`);
  }
}
