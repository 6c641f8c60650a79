import type { NotificationKind } from '../../../../shared/notifications/types';

/**
 * The words of Préau's e-mails, in French (the school's language; e-mails go out with no browser to choose one).
 * Only counts and names: never a word a pupil wrote, nor a space's title.
 */

type Plural = readonly [one: string, many: string];

/** What a notification kind is, counted (`{n}` is replaced by the number). */
export const KIND_WORDS: Record<Exclude<NotificationKind, 'quietSummary'>, Plural> = {
  newCard: ['{n} nouvelle carte', '{n} nouvelles cartes'],
  newTopic: ['{n} nouveau sujet de forum', '{n} nouveaux sujets de forum'],
  newReply: ['{n} nouvelle réponse dans un forum', '{n} nouvelles réponses dans les forums'],
  newComment: ['{n} nouveau commentaire', '{n} nouveaux commentaires'],
  padVersion: ['{n} nouvelle version d’un texte à plusieurs mains', '{n} nouvelles versions de textes à plusieurs mains'],
  commentOnMine: ['{n} réponse à vos contributions', '{n} réponses à vos contributions'],
  reactionOnMine: ['{n} réaction à vos contributions', '{n} réactions à vos contributions'],
  moderationOfMine: ['{n} décision de modération sur vos contributions', '{n} décisions de modération sur vos contributions'],
  reportOutcome: ['{n} suite donnée à vos signalements', '{n} suites données à vos signalements'],
  toReview: ['{n} contribution à valider', '{n} contributions à valider'],
  mention: ['{n} mention de votre nom', '{n} mentions de votre nom'],
};

/** About a child (a parent's e-mail): their contributions, or decisions on them. */
export const CHILD_WORDS = {
  contributions: ['{n} nouvelle contribution de {child}', '{n} nouvelles contributions de {child}'] as Plural,
  reactions: ['{n} réponse ou réaction aux contributions de {child}', '{n} réponses ou réactions aux contributions de {child}'] as Plural,
  moderation: ['{n} décision de modération sur une contribution de {child}', '{n} décisions de modération sur les contributions de {child}'] as Plural,
  other: ['{n} nouveauté concernant {child}', '{n} nouveautés concernant {child}'] as Plural,
};

/** A moderation decision, as it happened to a child's contribution. */
export const DECISION_WORDS: Record<string, string> = {
  approve: 'validée',
  hide: 'masquée',
  restore: 'rétablie',
  edit: 'modifiée par un modérateur',
  delete: 'supprimée',
  reject: 'laissée telle quelle (une modification a été refusée)',
  /** Any other decision. */
  other: 'examinée',
};

export const counted = (words: Plural, count: number, child = ''): string =>
  (count === 1 ? words[0] : words[1]).replace('{n}', String(count)).replace('{child}', child);

export const EMAIL_WORDS = {
  subjectDaily: 'Préau : votre résumé du jour',
  subjectWeekly: 'Préau : votre résumé de la semaine',
  subjectUrgent: (child: string) => `Préau : une décision de modération concerne ${child}`,
  hello: (name: string) => `Bonjour ${name},`,
  introDaily: 'Voici ce qui est nouveau pour vous sur Préau depuis votre dernier résumé :',
  introWeekly: 'Voici ce qui est nouveau pour vous sur Préau cette semaine :',
  urgent: (child: string, decision: string) => `Un modérateur a pris une décision sur une contribution de ${child} : elle a été ${decision}.`,
  seeOnPreau: (link: string) => `À voir sur Préau : ${link}`,
  whyDaily: 'Vous recevez ce résumé chaque jour parce que vous l’avez choisi dans vos préférences de notification.',
  whyWeekly: 'Vous recevez ce résumé chaque semaine parce que vous l’avez choisi dans vos préférences de notification.',
  whyUrgent: 'Vous recevez cet e-mail parce que vous avez demandé à être prévenu(e) des décisions de modération concernant votre enfant.',
  unsubscribe: (link: string) => `Pour ne plus recevoir d’e-mail de Préau, en un clic : ${link}`,
  signature: 'Préau, l’espace numérique de votre école',
  unsubscribedTitle: 'Vous ne recevrez plus d’e-mail de Préau',
  unsubscribedBody: 'C’est noté : Préau ne vous enverra plus de résumé ni d’e-mail urgent. Vous pouvez les réactiver à tout moment dans vos préférences de notification, sur Préau.',
  invalidTitle: 'Lien non valable',
  invalidBody: 'Ce lien de désinscription n’est pas valable. Vous pouvez changer vos préférences de notification sur Préau, une fois connecté(e).',
  backToPreau: 'Aller sur Préau',
};
