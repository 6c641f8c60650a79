import type { AuditEntry } from '../../../shared/audit/events';
import type { Profile } from '../../../shared/identity/profiles';
import { auditEventLabel } from '../../../shared/audit/labels';
import { MYDATA_AUDIT_MAX_ENTRIES, MYDATA_READ_EVENTS } from '../../../shared/mydata/export';
import type { ServerContext } from '../../context';
import { blobReader } from '../blobs/service';
import { blobsCollection, type BlobDoc } from '../blobs/model';
import { chatCollections } from '../chat/model';
import { loadDisplayPreferences } from '../display/preferences';
import type { UserDoc } from '../directory/model';
import { forumCollections } from '../forum/model';
import { notificationsCollection } from '../notifications/model';
import { loadPreferences } from '../notifications/preferences';
import { spacesCollection, type SpaceDoc } from '../spaces/model';
import { cardsCollection, commentsCollection } from '../wall/model';
import { rectificationsCollection } from './model';
import { padPassagesOf } from './pads';

/** Those who run the school, named in a person's log when they acted on their data. */
const NAMED_PROFILES: ReadonlySet<Profile> = new Set<Profile>(['teacher', 'director', 'admin']);
/** Any other person who acted (a classmate, another parent), in the readable summary. */
const SCHOOL_MEMBER = 'un membre de l’école';

/** One file of the person's own, with its path inside the ZIP. */
export interface ExportedFile {
  path: string;
  bytes: Uint8Array;
}

/** Everything Préau holds about one person, by section (each section is one JSON file of the ZIP). */
export interface PersonData {
  sections: Record<string, unknown>;
  files: ExportedFile[];
  /** What the readable summary shows. */
  summary: {
    displayName: string;
    login: string;
    pupil: boolean;
    classes: string[];
    groups: string[];
    cards: { title: string; text: string; space: string; image: string | null; file: string | null }[];
    comments: { text: string; space: string }[];
    topics: { title: string; space: string }[];
    posts: { text: string; space: string }[];
    messages: { text: string; space: string }[];
    pads: { title: string; passages: string[] }[];
    counts: Record<string, number>;
    consultations: { at: number; by: string; what: string }[];
  };
}

type RichNode = { text?: unknown; content?: unknown };
/** The plain text of a rich-text document (paragraphs separated by a line break). */
function plainText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const { text, content } = node as RichNode;
  if (typeof text === 'string') return text;
  if (!Array.isArray(content)) return '';
  return content.map(plainText).join(content.some((child) => (child as RichNode)?.content) ? '\n' : '').trim();
}

/** A file's name inside the ZIP: its id (unique) and its own name, with nothing that could leave the folder. */
const filePath = (blob: BlobDoc): string => `fichiers/${blob._id}-${blob.name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80)}`;

/**
 * Gathers what Préau holds about `user`: their account, memberships, their own contributions with their files,
 * notifications, preferences, charter acceptances, sessions (without any secret), the log's entries about them and
 * who read their data. Never another person's contribution: a chat message, a post or a comment is included only
 * when this person wrote it (the others' messages of a conversation are theirs, not this person's data); the
 * others named in the log appear by their name only, never with their network address or device.
 */
export async function collectPersonData(ctx: ServerContext, user: UserDoc): Promise<PersonData> {
  const { directory } = ctx.services;
  const schoolId = user.schoolId;
  const userId = user._id;
  const memberships = await directory.memberships.find({ userId, schoolId });
  const classIds = memberships.filter((m) => m.kind === 'class').map((m) => m.targetId);
  const groupIds = memberships.filter((m) => m.kind === 'group').map((m) => m.targetId);
  const [school, classes, groups, asParent, asChild] = await Promise.all([
    directory.schools.findOne({ _id: schoolId }),
    classIds.length ? directory.classes.find({ _id: { $in: classIds }, schoolId }) : [],
    groupIds.length ? directory.groups.find({ _id: { $in: groupIds }, schoolId }) : [],
    directory.guardianships.find({ parentId: userId, schoolId }),
    directory.guardianships.find({ childId: userId, schoolId }),
  ]);
  const kinIds = [...asParent.map((g) => g.childId), ...asChild.map((g) => g.parentId)];
  const kin = new Map((kinIds.length ? await directory.users.find({ _id: { $in: kinIds }, schoolId }) : []).map((u) => [u._id, u.displayName]));

  const [cards, comments, forum, chat, blobs] = await Promise.all([
    cardsCollection(ctx.store).find({ schoolId, authorId: userId, deletedAt: null }, { sort: { createdAt: 1, _id: 1 } }),
    commentsCollection(ctx.store).find({ schoolId, authorId: userId, deletedAt: null }, { sort: { createdAt: 1, _id: 1 } }),
    forumCollections(ctx.store),
    chatCollections(ctx.store),
    blobsCollection(ctx.store).find({ schoolId, ownerId: userId }, { sort: { createdAt: 1, _id: 1 } }),
  ]);
  const [topics, posts, messages] = await Promise.all([
    forum.topics.find({ schoolId, authorId: userId }, { sort: { createdAt: 1, _id: 1 } }),
    forum.posts.find({ schoolId, authorId: userId, status: { $ne: 'deleted' } }, { sort: { createdAt: 1, _id: 1 } }),
    chat.messages.find({ schoolId, authorId: userId, removedBy: null }, { sort: { createdAt: 1, _id: 1 } }),
  ]);
  const scopeIds = [...classIds, ...groupIds, 'school'];
  const pads = await spacesCollection(ctx.store).find({ schoolId, scopeId: { $in: scopeIds }, kind: 'pad', deletedAt: null });
  const passages = await padPassagesOf(ctx, pads, userId);

  const spaceIds = [...new Set([...cards, ...comments].map((c) => c.spaceId).concat(topics.map((t) => t.forumId), posts.map((p) => p.forumId), messages.map((m) => m.roomId)))];
  const spaces = new Map<string, SpaceDoc>((spaceIds.length ? await spacesCollection(ctx.store).find({ _id: { $in: spaceIds }, schoolId }) : []).map((s) => [s._id, s]));
  const spaceTitle = (id: string): string => spaces.get(id)?.title ?? '';

  const files: ExportedFile[] = [];
  const paths = new Map<string, string>();
  for (const blob of blobs) {
    const bytes = await blobReader(ctx, blob, 'file');
    if (!bytes) continue;
    const path = filePath(blob);
    files.push({ path, bytes });
    paths.set(blob._id, path);
  }

  const [notifications, notificationPreferences, displayPreferences, acceptances, sessions, rectifications] = await Promise.all([
    notificationsCollection(ctx).find({ userId }, { sort: { firstAt: 1, _id: 1 } }),
    loadPreferences(ctx, userId),
    loadDisplayPreferences(ctx, userId),
    ctx.services.charters.acceptances.find({ userId }, { sort: { acceptedAt: 1, _id: 1 } }),
    ctx.services.sessions.sessions.find({ userId }, { sort: { createdAt: 1, _id: 1 } }),
    rectificationsCollection(ctx.store).find({ schoolId, subjectId: userId }, { sort: { createdAt: 1, _id: 1 } }),
  ]);
  const logged = await ctx.store
    .collection<AuditEntry>('audit')
    .find({ schoolId, $or: [{ 'actor.userId': userId }, { 'target.id': userId }, { 'target.ownerId': userId }] }, { sort: { seq: -1 }, limit: MYDATA_AUDIT_MAX_ENTRIES });
  // Who else acted is named only when they run the school (staff) or are this person's own guardian or child
  // (already named in appartenances.json); another pupil or parent is « un membre de l'école », and a report by
  // anyone else is never told, even by staff (reporters are named to those who run the space only).
  const namedActor = (e: AuditEntry): boolean =>
    e.actor.userId === null || e.actor.userId === userId || kin.has(e.actor.userId) || (e.actor.profile !== null && NAMED_PROFILES.has(e.actor.profile));
  const audit = logged.filter((e) => e.event !== 'report.created' || e.actor.userId === userId);
  const actorIds = [...new Set(audit.filter(namedActor).map((e) => e.actor.userId).filter((id): id is string => id !== null && id !== userId))];
  const actors = new Map((actorIds.length ? await directory.users.find({ _id: { $in: actorIds }, schoolId }) : []).map((u) => [u._id, u.displayName]));
  const nameOf = (id: string | null): string => (id === null ? 'Système' : id === userId ? user.displayName : (actors.get(id) ?? 'Compte supprimé'));
  // Another person's network address and device are theirs: only this person's own are kept.
  const entryOf = (e: AuditEntry) => {
    const named = namedActor(e);
    return {
      at: e.ts,
      event: e.event,
      label: auditEventLabel(e.event, 'fr', user.displayName),
      by: named ? nameOf(e.actor.userId) : null,
      byProfile: named ? e.actor.profile : null,
      ip: e.actor.userId === userId ? e.actor.ip : null,
      userAgent: e.actor.userId === userId ? e.actor.userAgent : null,
      origin: e.origin,
      status: e.status,
      target: { type: e.target.type, id: e.target.id },
      reason: named ? e.reason : null,
    };
  };
  const reads = audit.filter((e) => e.actor.userId !== userId && (MYDATA_READ_EVENTS as readonly string[]).includes(e.event));

  const cardViews = cards.map((card) => ({
    id: card._id,
    space: spaceTitle(card.spaceId),
    spaceId: card.spaceId,
    title: card.title,
    text: plainText(card.body),
    link: card.link?.url ?? null,
    status: card.status,
    hidden: Boolean(card.hiddenBy),
    file: card.attachment ? (paths.get(card.attachment.blobId) ?? null) : null,
    fileKind: card.attachment?.kind ?? null,
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
  }));
  const sections: Record<string, unknown> = {
    'profil.json': {
      id: userId,
      login: user.login,
      displayName: user.displayName,
      profiles: user.profiles,
      status: user.status,
      deletionDate: user.deletionDate,
      mustChangePassword: user.mustChangePassword,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
      school: school ? { name: school.name, city: school.city } : null,
    },
    'appartenances.json': {
      classes: classes.map((c) => ({ id: c._id, name: c.name, level: c.level, schoolYear: c.schoolYear, role: memberships.find((m) => m.targetId === c._id)?.role ?? null })),
      groups: groups.map((g) => ({ id: g._id, name: g.name })),
      children: asParent.map((g) => ({ id: g.childId, displayName: kin.get(g.childId) ?? null })),
      guardians: asChild.map((g) => ({ id: g.parentId, displayName: kin.get(g.parentId) ?? null })),
    },
    'murs-cartes.json': cardViews,
    'murs-commentaires.json': comments.map((c) => ({ id: c._id, space: spaceTitle(c.spaceId), spaceId: c.spaceId, cardId: c.cardId, text: c.text, status: c.status ?? 'published', createdAt: c.createdAt })),
    'forum.json': {
      topics: topics.map((t) => ({ id: t._id, space: spaceTitle(t.forumId), forumId: t.forumId, title: t.title, status: t.status, createdAt: t.createdAt })),
      posts: posts.map((p) => ({ id: p._id, space: spaceTitle(p.forumId), forumId: p.forumId, topicId: p.topicId, text: plainText(p.body), status: p.status, edited: p.edited, createdAt: p.createdAt })),
    },
    'discussions.json': messages.map((m) => ({ id: m._id, space: spaceTitle(m.roomId), roomId: m.roomId, text: m.body, status: m.status, edited: m.edited, createdAt: m.createdAt })),
    'textes-collaboratifs.json': passages,
    'fichiers.json': blobs.map((b) => ({ id: b._id, name: b.name, kind: b.kind, mime: b.mime, size: b.size, path: paths.get(b._id) ?? null, createdAt: b.createdAt })),
    'notifications.json': notifications.map((n) => ({ id: n._id, kind: n.kind, spaceId: n.spaceId, count: n.count, read: n.read, firstAt: n.firstAt, lastAt: n.lastAt })),
    'preferences-notifications.json': notificationPreferences,
    'preferences-affichage.json': displayPreferences,
    'chartes.json': acceptances.map((a) => ({ profile: a.profile, version: a.version, acceptedAt: a.acceptedAt })),
    // A session's id is a hash of its cookie and its CSRF token a secret: neither leaves the server.
    'sessions.json': sessions.map((s) => ({ createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt, ip: s.ip, userAgent: s.userAgent })),
    'journal.json': audit.map(entryOf),
    'consultations.json': reads.map(entryOf),
    'rectifications.json': rectifications.map((r) => ({ id: r._id, text: r.text, status: r.status, answer: r.answer, createdAt: r.createdAt, answeredAt: r.answeredAt })),
  };
  const imageOf = (card: (typeof cardViews)[number]): string | null => (card.fileKind === 'image' ? card.file : null);
  return {
    sections,
    files,
    summary: {
      displayName: user.displayName,
      login: user.login,
      pupil: user.profiles.includes('pupil'),
      classes: classes.map((c) => c.name),
      groups: groups.map((g) => g.name),
      cards: cardViews.map((card) => ({ title: card.title, text: card.text, space: card.space, image: imageOf(card), file: card.file })),
      comments: comments.map((c) => ({ text: c.text, space: spaceTitle(c.spaceId) })),
      topics: topics.map((t) => ({ title: t.title, space: spaceTitle(t.forumId) })),
      posts: posts.map((p) => ({ text: plainText(p.body), space: spaceTitle(p.forumId) })),
      messages: messages.map((m) => ({ text: m.body, space: spaceTitle(m.roomId) })),
      pads: passages.map((p) => ({ title: p.title, passages: p.passages })),
      counts: { notifications: notifications.length, sessions: sessions.length, journal: audit.length, charters: acceptances.length },
      consultations: reads.map((e) => ({ at: e.ts, by: namedActor(e) ? nameOf(e.actor.userId) : SCHOOL_MEMBER, what: auditEventLabel(e.event, 'fr', user.displayName) })),
    },
  };
}
