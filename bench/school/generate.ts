/**
 * Generates a benchmark school in a DATA_DIR, through the store and the server's own services, before the server
 * under benchmark starts on it (with SEED_DEMO=false: the demo school stays what `npm start` seeds).
 *
 * The documents are those the app writes: the school, classes, accounts (`newUserFields`, the directory's
 * search text), class memberships and guardianships as the demo seed and the class import write them, with one
 * `user.imported` audit event by a job; then, per account, what a first morning writes: a session opened by the
 * real `SessionStore.create` with its `auth.login` event, and the charter accepted by `CharterService.accept`
 * with its `charter.accepted` event, each change with its event in one transaction (`auditedChange`). The audit
 * chain is signed with the DATA_DIR's audit key and checkpointed, so the server starts on a chain it verifies.
 *
 * Every account shares ONE password, hashed once (argon2id is slow on purpose; 9,000 hashes would take minutes).
 * Each account gets its own session, so every simulated user is a distinct user with its own cookie, and
 * per-user rate limits apply as in a real school.
 */
import { SESSION_COOKIE } from '../../shared/identity/api';
import type { Profile } from '../../shared/identity/profiles';
import { auditedChange } from '../../server/audit/command';
import { loadConfig } from '../../server/config/load';
import type { ServerContext } from '../../server/context';
import { hashPassword } from '../../server/features/auth/passwords';
import { searchTextOf } from '../../server/features/directory/logins';
import type { GuardianshipDoc, MembershipDoc, UserDoc } from '../../server/features/directory/model';
import { directoryEvent, newUserFields, type CommandAuthor } from '../../server/features/directory/service';
import { createOriginPolicy } from '../../server/http/origins';
import { createLogger } from '../../server/logger';
import { createServices } from '../../server/services';
import { openStore } from '../../server/storage/open';
import { planSchool, type PlannedAccount, type SchoolSize } from './roster';

/** The one password of every generated account (a benchmark school in a temporary DATA_DIR, never a real one). */
export const BENCH_PASSWORD = 'charge-de-banc-2026';
/** Accounts whose session and charter acceptance share one transaction: large enough to be quick, small enough not to hold the store long. */
const ACCOUNTS_PER_TRANSACTION = 250;
/** Documents per insertMany. */
const INSERT_CHUNK = 1_000;
const BENCH_IP = '127.0.0.1';
const BENCH_USER_AGENT = 'preau-bench';

/** A generated account with its own open session. */
export interface BenchAccount extends PlannedAccount {
  /** The session cookie's token (the store keeps only its SHA-256). */
  sessionToken: string;
  /** The `Cookie` header of this account's session. */
  cookie: string;
  /** The session's CSRF token, for mutating REST requests. */
  csrfToken: string;
}

export interface BenchClass {
  id: string;
  name: string;
  teacher: BenchAccount;
  pupils: BenchAccount[];
}

/** A generated school: its DATA_DIR, shared password, classes and accounts. */
export interface BenchSchool {
  dataDir: string;
  schoolId: string;
  size: SchoolSize;
  password: string;
  director: BenchAccount;
  classes: BenchClass[];
  parents: BenchAccount[];
  accounts: BenchAccount[];
  /** How long the generation took, in seconds. */
  seconds: number;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Writes a school of `size` into `dataDir` (an empty DATA_DIR: the store and its audit key are created there). */
export async function generateSchool(dataDir: string, size: SchoolSize): Promise<BenchSchool> {
  const started = performance.now();
  const roster = planSchool(size);
  const schoolId = roster.schoolId;
  const config = loadConfig({ DATA_DIR: dataDir, MONGODB_URI: '', LOG_LEVEL: 'warn', EMBEDDED_SYNC: process.env.EMBEDDED_SYNC ?? 'NORMAL' });
  const logger = createLogger('warn');
  const store = await openStore({ dataDir: config.dataDir, logger, synchronous: config.embeddedSync });
  try {
    const services = await createServices(store, { sessionTimeouts: config.sessionTimeouts, audit: { key: config.auditKey, dir: config.auditCheckpointDir, logger } });
    const ctx: ServerContext = { config, store, logger, origins: createOriginPolicy(config, 0), version: 'bench', services };
    const { directory, sessions, charters } = services;
    const passwordHash = await hashPassword(BENCH_PASSWORD);

    // The directory, as an import writes it: everything and its one event in one transaction.
    const now = Date.now();
    const users: UserDoc[] = roster.accounts.map((account) => ({
      _id: account.id,
      login: account.login,
      searchText: searchTextOf(account.displayName, account.login),
      ...newUserFields(schoolId, { displayName: account.displayName, profiles: [account.profile], passwordHash, mustChangePassword: false }),
    }));
    const memberships: MembershipDoc[] = roster.accounts
      .filter((account) => account.classId !== null)
      .map((account) => {
        const membership = { schoolId, userId: account.id, kind: 'class' as const, targetId: account.classId!, role: account.profile === 'teacher' ? ('teacher' as const) : ('pupil' as const) };
        return { _id: `${membership.userId}:${membership.kind}:${membership.targetId}`, ...membership };
      });
    const guardianships: GuardianshipDoc[] = roster.accounts.flatMap((account) =>
      account.childIds.map((childId) => ({ _id: `${account.id}:${childId}`, schoolId, parentId: account.id, childId })),
    );
    const job: CommandAuthor = { schoolId, userId: null, actor: { userId: null }, origin: 'job' };
    await auditedChange(ctx, async (record) => {
      await directory.schools.insertOne({ _id: schoolId, ...roster.school, createdAt: now });
      await directory.classes.insertMany(roster.classes.map((planned) => ({ _id: planned.id, schoolId, name: planned.name, level: planned.level, schoolYear: roster.schoolYear, createdAt: now })));
      for (const part of chunks(users, INSERT_CHUNK)) await directory.users.insertMany(part);
      for (const part of chunks(memberships, INSERT_CHUNK)) await directory.memberships.insertMany(part);
      for (const part of chunks(guardianships, INSERT_CHUNK)) await directory.guardianships.insertMany(part);
      await record(
        directoryEvent(job, {
          event: 'user.imported',
          target: { type: 'school', id: schoolId, ownerId: null },
          fields: ['users', 'memberships', 'guardianships'],
          after: users.map((user) => user.login),
          reason: 'benchmark school',
        }),
      );
    });

    // Each account's first morning: a session (as sign-in opens one) and the charter accepted (as the charter route does).
    const charterVersion = new Map<Profile, number>();
    for (const profile of new Set(roster.accounts.map((account) => account.profile))) charterVersion.set(profile, (await charters.current(schoolId, profile)).version);
    const opened = new Map<string, { token: string; csrfToken: string }>();
    for (const part of chunks(users, ACCOUNTS_PER_TRANSACTION)) {
      await auditedChange(ctx, async (record) => {
        for (const user of part) {
          const profile = user.profiles[0]!;
          const { token, session } = await sessions.create({ userId: user._id, schoolId, ip: BENCH_IP, userAgent: BENCH_USER_AGENT });
          const actor = { userId: user._id, profile, sessionHash: session._id, ip: BENCH_IP, userAgent: BENCH_USER_AGENT };
          await record({ schoolId, event: 'auth.login', target: { type: 'user', id: user._id, ownerId: user._id }, actor, origin: 'http' });
          const version = charterVersion.get(profile)!;
          const { charter } = await charters.accept(user, profile, version);
          await record({
            schoolId,
            actor,
            origin: 'http',
            event: 'charter.accepted',
            target: { type: 'charter', id: charter._id, ownerId: user._id },
            change: { fields: ['acceptance'], after: { profile, version, charterId: charter._id } },
            reason: `${profile} v${version}`,
          });
          opened.set(user._id, { token, csrfToken: session.csrfToken });
        }
      });
    }
    await store.flush();
    // The final checkpoints, after the last write (as the server's shutdown does): the server starts on a verified chain.
    await services.audit.close();

    const accountOf = (planned: PlannedAccount): BenchAccount => {
      const session = opened.get(planned.id)!;
      return { ...planned, sessionToken: session.token, cookie: `${SESSION_COOKIE}=${session.token}`, csrfToken: session.csrfToken };
    };
    const accounts = roster.accounts.map(accountOf);
    const byClass = (role: Profile, classId: string) => accounts.filter((account) => account.profile === role && account.classId === classId);
    return {
      dataDir: config.dataDir,
      schoolId,
      size,
      password: BENCH_PASSWORD,
      director: accounts.find((account) => account.profile === 'director')!,
      classes: roster.classes.map((planned) => ({ id: planned.id, name: planned.name, teacher: byClass('teacher', planned.id)[0]!, pupils: byClass('pupil', planned.id) })),
      parents: accounts.filter((account) => account.profile === 'parent'),
      accounts,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await store.close();
  }
}
