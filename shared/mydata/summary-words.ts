/**
 * The words of the readable summary (`index.html` of the ZIP), in French: the school's language and the one the
 * right of access is exercised in. Each sentence that speaks to the reader has its « vous » form for adults and its
 * « tu » form for pupils (the voice rule of client/src/i18n/voice.ts).
 */
export const SUMMARY_WORDS = {
  title: 'Mes données',
  titleOf: 'Les données de {{name}}',
  intro: {
    adult: 'Voici tout ce que Préau garde à votre sujet. Chaque partie existe aussi en fichier JSON dans ce dossier, lisible par un autre logiciel.',
    pupil: 'Voici tout ce que Préau garde à ton sujet. Chaque partie existe aussi en fichier JSON dans ce dossier.',
  },
  rectify: {
    adult: 'Si une information est fausse, demandez une rectification sur la page « Mes données » de Préau.',
    pupil: 'Si une information est fausse, demande à tes parents ou à ton enseignant de la faire corriger, ou va sur la page « Mes données » de Préau.',
  },
  profile: 'Profil',
  name: 'Nom',
  login: 'Identifiant',
  classes: 'Classes',
  groups: 'Groupes',
  none: 'Aucun',
  cards: 'Cartes des murs',
  comments: 'Commentaires',
  topics: 'Sujets de forum',
  posts: 'Messages de forum',
  messages: 'Messages des discussions',
  pads: 'Passages écrits dans les textes collaboratifs',
  file: 'Fichier joint',
  inSpace: 'dans « {{space}} »',
  other: 'Autres informations',
  notifications: 'Notifications : {{count}}',
  sessions: 'Connexions enregistrées : {{count}}',
  journal: 'Entrées du journal de Préau à ce sujet : {{count}}',
  charters: 'Chartes acceptées : {{count}}',
  consultations: 'Qui a consulté ces données',
  noConsultation: 'Personne d’autre n’a consulté ces données.',
  generated: 'Document créé le {{date}}.',
} as const;
