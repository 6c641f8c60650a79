import { AppError } from '../../../shared/errors';
import { DuplicateKeyError } from '../../storage/port';
import { hashPassword } from '../auth/passwords';
import { foldForSearch, type DirectoryCollections, type UserDoc } from './model';

/** Leaves room for a numeric suffix within the 64 characters a login may have. */
const MAX_BASE_LENGTH = 56;
/** Used when a name has no latin letter or digit left once folded. */
const FALLBACK = 'utilisateur';
/** A concurrent creation may take the login we picked: pick again this many times. */
const INSERT_ATTEMPTS = 5;

/** Ligatures that NFD does not decompose. */
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th' };

/**
 * One part of a login: ascii-folded and lowercased, spaces and apostrophes dropped, hyphens kept
 * ("El Amrani" → "elamrani", "N'Diaye" → "ndiaye", "Jean-Marc" → "jean-marc").
 */
export function loginPart(text: string): string {
  return foldForSearch(text)
    .replace(/[œæßøłđðþ]/g, (char) => LIGATURES[char] ?? '')
    .replace(/[\s'’]+/g, '')
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The login base of a person: `prenom.nom`, or the one part that survives folding. */
export function loginBase(firstName: string, lastName: string): string {
  const parts = [loginPart(firstName), loginPart(lastName)].filter((part) => part !== '');
  const base = parts.join('.').slice(0, MAX_BASE_LENGTH).replace(/[.-]+$/, '');
  return base.length >= 2 ? base : FALLBACK;
}

/** A display name read as "Prénom Nom…": the first word is the first name, the rest the last name. */
export function loginBaseFromDisplayName(displayName: string): string {
  const [first = '', ...rest] = displayName.trim().split(/\s+/);
  return loginBase(first, rest.join(' '));
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The base itself when free, otherwise the base with the smallest free numeric suffix from 2 ("lea.martin2"). */
export async function freeLogin(directory: DirectoryCollections, base: string): Promise<string> {
  const taken = new Set(
    (await directory.users.find({ login: { $regex: `^${escapeRegex(base)}\\d*$` } })).map((user) => user.login),
  );
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    if (!taken.has(`${base}${suffix}`)) return `${base}${suffix}`;
  }
}

/** The text `GET /admin/users` searches in: the folded display name and the login. */
export const searchTextOf = (displayName: string, login: string): string => foldForSearch(`${displayName} ${login}`);

/**
 * Inserts a new user. With `login.fixed` the login must be free (CONFLICT otherwise); with `login.base` the
 * first free variant is taken, retrying if another request takes it first (the unique index decides).
 */
export async function insertUser(
  directory: DirectoryCollections,
  login: { fixed: string } | { base: string },
  doc: Omit<UserDoc, '_id' | 'login' | 'searchText'>,
): Promise<UserDoc> {
  for (let attempt = 1; ; attempt += 1) {
    const chosen = 'fixed' in login ? login.fixed : await freeLogin(directory, login.base);
    try {
      return await directory.users.insertOne({ ...doc, login: chosen, searchText: searchTextOf(doc.displayName, chosen) });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      if ('fixed' in login) throw new AppError('CONFLICT', 'This login is already taken');
      if (attempt >= INSERT_ATTEMPTS) throw new AppError('CONFLICT', 'Could not find a free login, try again');
    }
  }
}

/** Runs `task` over `items` with at most `limit` running at once, keeping the order of results. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * argon2 hashes of many passwords, a few at a time: each hash takes 19 MiB and tens of milliseconds, so a class
 * import (up to ~180 accounts) neither exhausts memory nor starves the event loop's other work.
 */
export const HASH_CONCURRENCY = 4;
export const hashPasswords = (passwords: readonly string[]): Promise<string[]> =>
  mapWithConcurrency(passwords, HASH_CONCURRENCY, hashPassword);
