/**
 * The benchmark school's roster, as pure data: N classes of P pupils (default 100 × 30, from BENCH_CLASSES and
 * BENCH_PUPILS_PER_CLASS), one teacher per class, one or two legal guardians per pupil (every other pupil has a
 * second one), and a director. Deterministic: the same sizes give the same ids, logins and names, so two runs of
 * a benchmark build the same school.
 */
import type { Profile } from '../../shared/identity/profiles';

/** The sizes of a benchmark school. */
export interface SchoolSize {
  classes: number;
  pupilsPerClass: number;
}

/** 100 classes × 30 pupils: 3,000 pupils, the class-scale load of issue 14. */
export const DEFAULT_SCHOOL_SIZE: SchoolSize = { classes: 100, pupilsPerClass: 30 };

/** The sizes asked for in the environment (BENCH_CLASSES, BENCH_PUPILS_PER_CLASS), with at least `atLeast`. */
export function schoolSizeFromEnv(atLeast: Partial<SchoolSize> = {}, env: NodeJS.ProcessEnv = process.env): SchoolSize {
  const read = (name: string, fallback: number): number => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer (got ${env[name]})`);
    return value;
  };
  return {
    classes: Math.max(read('BENCH_CLASSES', DEFAULT_SCHOOL_SIZE.classes), atLeast.classes ?? 1),
    pupilsPerClass: Math.max(read('BENCH_PUPILS_PER_CLASS', DEFAULT_SCHOOL_SIZE.pupilsPerClass), atLeast.pupilsPerClass ?? 1),
  };
}

export const BENCH_SCHOOL_ID = 'bench-school';

export interface PlannedClass {
  id: string;
  name: string;
  level: string;
}

export interface PlannedAccount {
  id: string;
  login: string;
  displayName: string;
  profile: Profile;
  /** A pupil's class, a teacher's class; null for parents and the director. */
  classId: string | null;
  /** Parents only: their children's ids. */
  childIds: string[];
}

export interface SchoolRoster {
  schoolId: string;
  school: { name: string; city: string; kind: 'college' };
  schoolYear: string;
  classes: PlannedClass[];
  accounts: PlannedAccount[];
}

const LEVELS = ['6e', '5e', '4e', '3e'] as const;
const FIRST_NAMES = [
  'Léa', 'Yanis', 'Chloé', 'Mamadou', 'Inès', 'Gabriel', 'Jade', 'Noah', 'Maëlys', 'Louis', 'Lina', 'Timéo', 'Zoé',
  'Ethan', 'Camille', 'Ayoub', 'Manon', 'Moussa', 'Emma', 'Hugo', 'Alice', 'Adam', 'Louise', 'Sacha', 'Rose',
  'Nathan', 'Ambre', 'Rayan', 'Anna', 'Jules', 'Mila', 'Léo', 'Nour', 'Tom', 'Julia', 'Mohamed', 'Lou', 'Paul',
  'Agathe', 'Enzo', 'Sofia', 'Aaron',
];
const LAST_NAMES = [
  'Martin', 'Belkacem', 'Nguyen', 'Diallo', 'Rodrigues', 'Dubois', 'Lefèvre', 'Kowalski', 'Traoré', 'Garnier',
  'Haddad', 'Lambert', 'Mercier', 'Ferreira', 'El Amrani', 'Petit', 'Sow', 'Bernard', 'Thomas', 'Robert',
  'Richard', 'Durand', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel',
  'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Chevalier', 'Fontaine', 'Rousseau', 'Vincent', 'Muller',
];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const nameOf = (n: number): string => `${FIRST_NAMES[n % FIRST_NAMES.length]!} ${LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length]!}`;

/** The roster of a school of these sizes. */
export function planSchool(size: SchoolSize): SchoolRoster {
  const classes: PlannedClass[] = [];
  const accounts: PlannedAccount[] = [];
  accounts.push({ id: 'bench-user-direction', login: 'bench.direction', displayName: 'Hélène Direction', profile: 'director', classId: null, childIds: [] });
  const perLevel = Math.ceil(size.classes / LEVELS.length);
  for (let c = 0; c < size.classes; c += 1) {
    const level = LEVELS[Math.floor(c / perLevel)] ?? LEVELS[LEVELS.length - 1]!;
    const classId = `bench-class-${pad(c + 1, 3)}`;
    classes.push({ id: classId, name: `${level} ${pad(c + 1, 3)}`, level });
    accounts.push({ id: `bench-user-prof-${pad(c + 1, 3)}`, login: `bench.prof.${pad(c + 1, 3)}`, displayName: `Prof. ${nameOf(7 * c + 3)}`, profile: 'teacher', classId, childIds: [] });
  }
  let parents = 0;
  for (let c = 0; c < size.classes; c += 1) {
    for (let p = 0; p < size.pupilsPerClass; p += 1) {
      const n = c * size.pupilsPerClass + p;
      const pupil: PlannedAccount = {
        id: `bench-user-eleve-${pad(n + 1, 5)}`,
        login: `bench.eleve.${pad(n + 1, 5)}`,
        displayName: nameOf(n),
        profile: 'pupil',
        classId: classes[c]!.id,
        childIds: [],
      };
      accounts.push(pupil);
      const guardians = n % 2 === 0 ? 2 : 1;
      for (let g = 0; g < guardians; g += 1) {
        parents += 1;
        accounts.push({
          id: `bench-user-parent-${pad(parents, 5)}`,
          login: `bench.parent.${pad(parents, 5)}`,
          displayName: `${FIRST_NAMES[(n + 11 * (g + 1)) % FIRST_NAMES.length]!} ${pupil.displayName.split(' ').slice(1).join(' ')}`,
          profile: 'parent',
          classId: null,
          childIds: [pupil.id],
        });
      }
    }
  }
  return {
    schoolId: BENCH_SCHOOL_ID,
    school: { name: 'Collège de charge Marie-Curie', city: 'Grenoble', kind: 'college' },
    schoolYear: '2026-2027',
    classes,
    accounts,
  };
}
