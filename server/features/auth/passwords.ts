import argon2 from 'argon2';
import { randomInt } from 'node:crypto';

/** argon2id with OWASP's minimum (m = 19 MiB, t = 2, p = 1): about 20–40 ms per hash on our 2-core machine. */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the login is unknown, so timing does not reveal which logins exist. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('preau-dummy-password-for-timing');
  return dummyHash;
}

// Easy to read and type for children and parents: no 0/O, 1/l/I.
const WORDS = [
  'soleil', 'lune', 'etoile', 'nuage', 'riviere', 'montagne', 'foret', 'jardin', 'pomme', 'cerise',
  'tigre', 'panda', 'renard', 'hibou', 'dauphin', 'castor', 'zebre', 'koala', 'girafe', 'mouette',
  'violet', 'orange', 'vert', 'bleu', 'rouge', 'jaune', 'rose', 'corail', 'menthe', 'sable',
];

/** A generated initial password, e.g. "renard-menthe-47": readable, about 38 bits, changed at first sign-in. */
export function generatePassword(): string {
  const pick = (): string => WORDS[randomInt(WORDS.length)]!;
  return `${pick()}-${pick()}-${pick()}-${randomInt(10, 100)}`;
}
