import type { AuditEntry } from '../../../shared/audit/events';
import { AUDIT_PROFILE_LABELS, AUDIT_STATUS_LABELS, auditEventLabel, concernedUserOf } from '../../../shared/audit/labels';
import { csvDocument, parisDateTime, type CsvColumn } from '../../../shared/csv';
import type { ServerContext } from '../../context';
import { spacesCollection } from '../spaces/model';

/** The names an export writes instead of ids: people, classes and spaces of the school. */
export interface AuditExportNames {
  people: ReadonlyMap<string, string>;
  classes: ReadonlyMap<string, string>;
  spaces: ReadonlyMap<string, string>;
}

/** Ids are looked up by slices, so that an export of many thousand rows never sends one huge `$in`. */
const LOOKUP_SLICE = 500;

async function namesOf<T extends { _id: string }>(ids: Iterable<string | null>, find: (slice: string[]) => Promise<T[]>, name: (doc: T) => string) {
  const wanted = [...new Set([...ids].filter((id): id is string => id !== null))];
  const names = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += LOOKUP_SLICE) for (const doc of await find(wanted.slice(i, i + LOOKUP_SLICE))) names.set(doc._id, name(doc));
  return names;
}

/** The names of the actors, the people concerned, the classes and the spaces of some entries (one school). */
export async function auditExportNames(ctx: ServerContext, schoolId: string, entries: readonly AuditEntry[]): Promise<AuditExportNames> {
  const { users, classes } = ctx.services.directory;
  const [people, classNames, spaces] = await Promise.all([
    namesOf(
      entries.flatMap((entry) => [entry.actor.userId, concernedUserOf(entry)?.id ?? null]),
      (slice) => users.find({ _id: { $in: slice }, schoolId }),
      (user) => user.displayName,
    ),
    namesOf(
      entries.map((entry) => entry.context.classId),
      (slice) => classes.find({ _id: { $in: slice }, schoolId }),
      (found) => found.name,
    ),
    namesOf(
      entries.map((entry) => entry.context.spaceId),
      (slice) => spacesCollection(ctx.store).find({ _id: { $in: slice }, schoolId }),
      (space) => space.title,
    ),
  ]);
  return { people, classes: classNames, spaces };
}

/** The end of an id, enough to tell two unknown accounts apart (as the console shows them). */
const shortId = (id: string): string => (id.length > 8 ? `…${id.slice(-6)}` : id);

const SYSTEM = 'Système';

/** The columns everyone reads: French headers, Paris time, events and results in words, names instead of ids. */
function readableColumns(names: AuditExportNames): CsvColumn<AuditEntry>[] {
  const person = (id: string | null): string | null => (id === null ? null : (names.people.get(id) ?? `Compte ${shortId(id)}`));
  return [
    { header: 'Date et heure (Paris)', value: (entry) => parisDateTime(entry.ts) },
    { header: 'Événement', value: (entry) => auditEventLabel(entry.event, 'fr', person(concernedUserOf(entry)?.id ?? null) ?? SYSTEM) },
    { header: 'Résultat', value: (entry) => AUDIT_STATUS_LABELS[entry.status].fr },
    { header: 'Auteur', value: (entry) => person(entry.actor.userId) ?? SYSTEM },
    { header: 'Profil de l’auteur', value: (entry) => (entry.actor.profile ? AUDIT_PROFILE_LABELS[entry.actor.profile].fr : null) },
    { header: 'Personne concernée', value: (entry) => person(concernedUserOf(entry)?.id ?? null) },
    { header: 'Classe', value: (entry) => (entry.context.classId ? (names.classes.get(entry.context.classId) ?? shortId(entry.context.classId)) : null) },
    { header: 'Espace', value: (entry) => (entry.context.spaceId ? (names.spaces.get(entry.context.spaceId) ?? shortId(entry.context.spaceId)) : null) },
  ];
}

/**
 * « Colonnes techniques »: every stored field of the entry, as stored (codes, ids, UTC time in ISO 8601, the
 * chain's hashes and the server's signature), so that each row can be checked against the log: the hash of the
 * entry rebuilt from these columns is its « Empreinte », and each « Empreinte précédente » is the « Empreinte »
 * of the entry numbered one less. An empty cell is a field with no value (null).
 */
export const AUDIT_TECHNICAL_COLUMNS: readonly CsvColumn<AuditEntry>[] = [
  { header: 'N°', value: (entry) => entry.seq },
  { header: 'Horodatage UTC (ISO 8601)', value: (entry) => new Date(entry.ts).toISOString() },
  { header: 'Code de l’événement', value: (entry) => entry.event },
  { header: 'Code du résultat', value: (entry) => entry.status },
  { header: 'Origine', value: (entry) => entry.origin },
  { header: 'École', value: (entry) => entry.schoolId },
  { header: 'Id de l’auteur', value: (entry) => entry.actor.userId },
  { header: 'Code du profil', value: (entry) => entry.actor.profile },
  { header: 'Empreinte de session', value: (entry) => entry.actor.sessionHash },
  { header: 'Adresse IP', value: (entry) => entry.actor.ip },
  { header: 'Navigateur', value: (entry) => entry.actor.userAgent },
  { header: 'Type de cible', value: (entry) => entry.target.type },
  { header: 'Id de la cible', value: (entry) => entry.target.id },
  { header: 'Id du propriétaire', value: (entry) => entry.target.ownerId },
  { header: 'Id de la classe', value: (entry) => entry.context.classId },
  { header: 'Id de l’espace', value: (entry) => entry.context.spaceId },
  { header: 'Modification (JSON)', value: (entry) => (entry.change ? JSON.stringify(entry.change) : null) },
  { header: 'Détail technique', value: (entry) => entry.reason },
  { header: 'Empreinte précédente', value: (entry) => entry.prevHash },
  { header: 'Empreinte', value: (entry) => entry.hash },
  { header: 'Signature du serveur', value: (entry) => entry.mac ?? null },
];

/** The log as a spreadsheet-ready CSV (shared/csv.ts); `technical` adds the technical columns after the readable ones. */
export function auditCsv(entries: readonly AuditEntry[], names: AuditExportNames, options: { technical: boolean }): string {
  const columns = readableColumns(names);
  return csvDocument(options.technical ? [...columns, ...AUDIT_TECHNICAL_COLUMNS] : columns, entries);
}
