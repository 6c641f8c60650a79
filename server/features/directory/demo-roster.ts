/**
 * The demo school that `npm start` seeds on an empty store: an école élémentaire with a CE2 and a CM2 class,
 * their two teachers, a director who does not teach, an admin, a staff member, a guest (the music partner),
 * 24 pupils and their parents. The Garnier family has a child in each class.
 *
 * Pure, deterministic data: the same logins and passwords at every start, so that demos, the README and the
 * end-to-end tests can rely on them (e.g. for the personas of the authorization matrix: a pupil of each class, each
 * class's teacher, a parent, the director; pupil moderators are designated per space by a teacher, not here).
 * These passwords are public: they must never be used outside a demonstration instance.
 */

export interface DemoClass {
  key: string;
  name: string;
  level: string;
  schoolYear: string;
}

export interface DemoGroup {
  key: string;
  name: string;
  memberLogins: string[];
}

export type DemoProfile = 'pupil' | 'teacher' | 'parent' | 'director' | 'staff' | 'admin' | 'guest';

export interface DemoAccount {
  /** Lowercase ascii, unique, "firstname.lastname". */
  login: string;
  /** Deterministic and easy to type, at least 10 characters, all different. */
  password: string;
  displayName: string;
  profiles: DemoProfile[];
  /** Pupils: their class; teachers: the classes they teach; others: []. */
  classKeys: string[];
  /** Parents only: the logins of their children. */
  childLogins?: string[];
}

export const DEMO_PASSWORD_NOTE =
  'Ces comptes et leurs mots de passe, publiés avec Préau, servent uniquement à la démonstration ' +
  'et ne doivent jamais être utilisés sur une instance réelle.';

export const DEMO_SCHOOL: { name: string; city: string; kind: 'ecole' } = {
  name: 'École élémentaire Simone-Veil',
  city: 'Angers',
  kind: 'ecole',
};

const SCHOOL_YEAR = '2026-2027';

export const DEMO_CLASSES: DemoClass[] = [
  { key: 'ce2', name: 'CE2', level: 'CE2', schoolYear: SCHOOL_YEAR },
  { key: 'cm2', name: 'CM2', level: 'CM2', schoolYear: SCHOOL_YEAR },
];

const adult = (
  login: string,
  password: string,
  displayName: string,
  profile: DemoProfile,
  classKeys: string[],
): DemoAccount => ({
  login,
  password,
  displayName,
  profiles: [profile],
  classKeys,
});

const pupil = (login: string, password: string, displayName: string, classKey: string): DemoAccount => ({
  login,
  password,
  displayName,
  profiles: ['pupil'],
  classKeys: [classKey],
});

const parent = (login: string, password: string, displayName: string, childLogins: string[]): DemoAccount => ({
  login,
  password,
  displayName,
  profiles: ['parent'],
  classKeys: [],
  childLogins,
});

export const DEMO_ACCOUNTS: DemoAccount[] = [
  // The school's adults.
  adult('isabelle.moreau', 'pomme-tranquille-95', 'Isabelle Moreau', 'director', []),
  adult('claire.fontaine', 'soleil-rouge-21', 'Claire Fontaine', 'teacher', ['ce2']),
  adult('karim.benali', 'nuage-magique-58', 'Karim Benali', 'teacher', ['cm2']),
  // The city's staff member who runs the after-school activities.
  adult('sandrine.roux', 'tigre-timide-79', 'Sandrine Roux', 'staff', []),
  // The ENT administrator.
  adult('thomas.lefebvre', 'cerise-jaune-42', 'Thomas Lefebvre', 'admin', []),
  // A partner: the music teacher from the conservatoire who leads the choir.
  adult('romain.carpentier', 'renard-immense-26', 'Romain Carpentier', 'guest', []),

  // CE2 pupils (12).
  pupil('lea.martin', 'hibou-rose-63', 'Léa Martin', 'ce2'),
  pupil('yanis.belkacem', 'castor-sage-10', 'Yanis Belkacem', 'ce2'),
  pupil('chloe.nguyen', 'dauphin-minuscule-47', 'Chloé Nguyen', 'ce2'),
  pupil('mamadou.diallo', 'baleine-orange-84', 'Mamadou Diallo', 'ce2'),
  pupil('ines.rodrigues', 'fusee-drole-31', 'Inès Rodrigues', 'ce2'),
  pupil('gabriel.dubois', 'comete-superbe-68', 'Gabriel Dubois', 'ce2'),
  pupil('jade.lefevre', 'etoile-marron-15', 'Jade Lefèvre', 'ce2'),
  pupil('noah.kowalski', 'planete-celeste-52', 'Noah Kowalski', 'ce2'),
  pupil('maelys.traore', 'montagne-brave-89', 'Maëlys Traoré', 'ce2'),
  pupil('louis.garnier', 'riviere-rapide-36', 'Louis Garnier', 'ce2'),
  pupil('lina.haddad', 'foret-agile-73', 'Lina Haddad', 'ce2'),
  pupil('timeo.lambert', 'prairie-docile-20', 'Timéo Lambert', 'ce2'),

  // CM2 pupils (12). Zoé Garnier is Louis Garnier’s older sister.
  pupil('zoe.garnier', 'moulin-calme-57', 'Zoé Garnier', 'cm2'),
  pupil('ethan.mercier', 'phare-fidele-94', 'Ethan Mercier', 'cm2'),
  pupil('camille.ferreira', 'bateau-rouge-41', 'Camille Ferreira', 'cm2'),
  pupil('ayoub.elamrani', 'velo-magique-78', 'Ayoub El Amrani', 'cm2'),
  pupil('manon.petit', 'train-tranquille-25', 'Manon Petit', 'cm2'),
  pupil('moussa.sow', 'avion-jaune-62', 'Moussa Sow', 'cm2'),
  pupil('eva.bernard', 'crayon-timide-99', 'Eva Bernard', 'cm2'),
  pupil('rayan.mansouri', 'cahier-immense-46', 'Rayan Mansouri', 'cm2'),
  pupil('alice.tran', 'gomme-rose-83', 'Alice Tran', 'cm2'),
  pupil('nathan.rousseau', 'livre-sage-30', 'Nathan Rousseau', 'cm2'),
  pupil('sarah.cohen', 'tambour-minuscule-67', 'Sarah Cohen', 'cm2'),
  pupil('emir.kaya', 'guitare-orange-14', 'Emir Kaya', 'cm2'),

  // Parents: most pupils have two, five have one. Hélène and Mathieu Garnier have a child in each class.
  parent('sophie.renaud', 'violon-drole-51', 'Sophie Renaud', ['lea.martin']),
  parent('nicolas.martin', 'flute-superbe-88', 'Nicolas Martin', ['lea.martin']),
  parent('samira.belkacem', 'piano-marron-35', 'Samira Belkacem', ['yanis.belkacem']),
  parent('farid.belkacem', 'ballon-celeste-72', 'Farid Belkacem', ['yanis.belkacem']),
  parent('mai.nguyen', 'lune-brave-19', 'Mai Nguyen', ['chloe.nguyen']),
  parent('vincent.nguyen', 'orage-rapide-56', 'Vincent Nguyen', ['chloe.nguyen']),
  parent('aissatou.diallo', 'jardin-agile-93', 'Aïssatou Diallo', ['mamadou.diallo']),
  parent('ana.rodrigues', 'tulipe-docile-40', 'Ana Rodrigues', ['ines.rodrigues']),
  parent('paulo.rodrigues', 'lapin-calme-77', 'Paulo Rodrigues', ['ines.rodrigues']),
  parent('celine.dubois', 'ecureuil-fidele-24', 'Céline Dubois', ['gabriel.dubois']),
  parent('emilie.lefevre', 'panda-rouge-61', 'Émilie Lefèvre', ['jade.lefevre']),
  parent('antoine.lefevre', 'koala-magique-98', 'Antoine Lefèvre', ['jade.lefevre']),
  parent('marta.kowalski', 'girafe-tranquille-45', 'Marta Kowalski', ['noah.kowalski']),
  parent('olivier.kowalski', 'zebre-jaune-82', 'Olivier Kowalski', ['noah.kowalski']),
  parent('fatoumata.traore', 'mouette-timide-29', 'Fatoumata Traoré', ['maelys.traore']),
  parent('ibrahim.traore', 'abeille-immense-66', 'Ibrahim Traoré', ['maelys.traore']),
  parent('helene.garnier', 'papillon-rose-13', 'Hélène Garnier', ['louis.garnier', 'zoe.garnier']),
  parent('mathieu.garnier', 'tortue-sage-50', 'Mathieu Garnier', ['louis.garnier', 'zoe.garnier']),
  parent('yasmine.haddad', 'lutin-minuscule-87', 'Yasmine Haddad', ['lina.haddad']),
  parent('rachid.haddad', 'cabane-orange-34', 'Rachid Haddad', ['lina.haddad']),
  parent('aurelie.lambert', 'chateau-drole-71', 'Aurélie Lambert', ['timeo.lambert']),
  parent('laure.mercier', 'sapin-superbe-18', 'Laure Mercier', ['ethan.mercier']),
  parent('david.mercier', 'citron-marron-55', 'David Mercier', ['ethan.mercier']),
  parent('carla.ferreira', 'melon-celeste-92', 'Carla Ferreira', ['camille.ferreira']),
  parent('khadija.elamrani', 'prune-brave-39', 'Khadija El Amrani', ['ayoub.elamrani']),
  parent('mohamed.elamrani', 'olive-rapide-76', 'Mohamed El Amrani', ['ayoub.elamrani']),
  parent('stephanie.petit', 'galet-agile-23', 'Stéphanie Petit', ['manon.petit']),
  parent('guillaume.petit', 'coquillage-docile-60', 'Guillaume Petit', ['manon.petit']),
  parent('mariama.sow', 'volcan-calme-97', 'Mariama Sow', ['moussa.sow']),
  parent('abdoulaye.sow', 'iceberg-fidele-44', 'Abdoulaye Sow', ['moussa.sow']),
  parent('nathalie.bernard', 'arbre-rouge-81', 'Nathalie Bernard', ['eva.bernard']),
  parent('leila.mansouri', 'bambou-magique-28', 'Leïla Mansouri', ['rayan.mansouri']),
  parent('sofiane.mansouri', 'lanterne-tranquille-65', 'Sofiane Mansouri', ['rayan.mansouri']),
  parent('elodie.tran', 'boussole-jaune-12', 'Élodie Tran', ['alice.tran']),
  parent('minh.tran', 'plume-timide-49', 'Minh Tran', ['alice.tran']),
  parent('caroline.meunier', 'sablier-immense-86', 'Caroline Meunier', ['nathan.rousseau']),
  parent('sebastien.rousseau', 'kiwi-rose-33', 'Sébastien Rousseau', ['nathan.rousseau']),
  parent('deborah.cohen', 'fraise-sage-70', 'Déborah Cohen', ['sarah.cohen']),
  parent('julien.cohen', 'cactus-minuscule-17', 'Julien Cohen', ['sarah.cohen']),
  parent('elif.kaya', 'nuance-orange-54', 'Elif Kaya', ['emir.kaya']),
  parent('mehmet.kaya', 'corsaire-drole-91', 'Mehmet Kaya', ['emir.kaya']),
];

export const DEMO_GROUPS: DemoGroup[] = [
  {
    key: 'chorale',
    name: 'Chorale',
    memberLogins: [
      'claire.fontaine',
      'romain.carpentier',
      'lea.martin',
      'ines.rodrigues',
      'maelys.traore',
      'louis.garnier',
      'lina.haddad',
      'zoe.garnier',
      'moussa.sow',
      'rayan.mansouri',
      'alice.tran',
      'sarah.cohen',
    ],
  },
  {
    key: 'conseil-eleves',
    name: 'Conseil des élèves',
    memberLogins: ['karim.benali', 'yanis.belkacem', 'jade.lefevre', 'ethan.mercier', 'camille.ferreira'],
  },
];
