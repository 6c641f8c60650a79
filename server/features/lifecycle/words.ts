import type { ComposedEmail } from '../notifications/email/compose';

const day = (at: number): string => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' }).format(at);

/** The French e-mail telling a removal (to the person: « vous »; to a guardian, about their child). */
export function removalEmail(name: string, self: boolean, deleteAt: number, link: string): ComposedEmail {
  const who = self ? 'Votre compte Préau a été fermé' : `Le compte Préau de ${name} a été fermé`;
  return {
    subject: self ? 'Votre compte Préau est fermé' : `Le compte Préau de ${name} est fermé`,
    text: [
      'Bonjour,',
      '',
      `${who} par la direction de l’école : la connexion n’est plus possible.`,
      `Toutes les données personnelles seront effacées le ${day(deleteAt)}.`,
      self ? '' : `D’ici là, vous pouvez télécharger ses données depuis « Mes données » : ${link}`,
      'Les travaux partagés avec la classe restent ceux de la classe, sous le nom « Ancien élève » ou « Ancien parent », sauf si vous demandez leur retrait à l’école.',
      '',
      'L’équipe de l’école',
    ]
      .filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
      .join('\n'),
  };
}
