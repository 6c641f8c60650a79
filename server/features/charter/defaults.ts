import type { Profile } from '../../../shared/identity/profiles';

/**
 * The charters Préau ships with, one per profile, in French and in Markdown.
 *
 * They restate, in our own words, the rules of the school charters the product is built from (see the brief):
 * personal accounts, neutrality, scoped access, attribution and logging, moderation, reporting, messaging,
 * sanctions after a hearing, the data lifecycle, quotas, image rights, the right to disconnect, accessibility
 * and assistance. A school's director may publish its own version; each new version must be accepted again.
 */
export interface DefaultCharter {
  profile: Profile;
  title: string;
  /** Markdown, with `##` headings. */
  body: string;
}

const join = (...sections: string[]): string => sections.map((section) => section.trim()).join('\n\n');

// ——— Sections shared by the adults' charters ————————————————————————————————————————————————

const ACCOUNT = `
## Votre compte
- Votre accès à Préau vous est propre et ne peut être ni prêté ni cédé : ne communiquez à personne votre identifiant ou votre mot de passe, et ne vous servez jamais du compte de quelqu’un d’autre.
- Connectez-vous à l’abri des regards et fermez votre session dès que vous avez terminé, surtout sur un appareil partagé. Une session inactive se ferme d’elle-même.
- Vous pouvez modifier votre mot de passe à tout moment depuis votre profil ; pensez à le renouveler de temps en temps.
- Si vous pensez que votre compte a été utilisé par un tiers, ou si vos codes ont été perdus, signalez-le aussitôt depuis votre profil : la direction et les administrateurs sont prévenus.
- L’accès à Préau suppose l’acceptation de cette charte. Lorsqu’elle change, la nouvelle version vous est présentée et doit être acceptée de nouveau.`;

const NEUTRALITY = `
## Neutralité et civilité
- Préau est un outil du service public d’éducation : il sert aux apprentissages, à la vie de la classe et à la vie de l’école.
- Il ne peut servir ni à la publicité, ni à la propagande, ni au prosélytisme, qu’ils soient politiques, religieux, philosophiques ou commerciaux.
- Les échanges restent courtois. Aucun propos injurieux, diffamatoire, raciste, violent ou pornographique n’y a sa place, pas plus qu’un contenu contraire à la loi.
- N’entravez pas volontairement le service : pas d’envois en masse, pas de fichiers démesurés, aucune tentative de contourner la sécurité.
- Le respect de ces règles repose sur une modération humaine et non sur une censure automatique.`;

const LOGGING = `
## Chaque action est attribuée et conservée
- Tout ce qui se fait sur Préau est rattaché à son auteur et consigné dans un journal : connexions, messages, contributions, créations et modifications de documents, et aussi la consultation des contenus. Rien ne peut y être publié anonymement.
- Ce journal ne peut pas être modifié après coup. La direction de l’école peut le consulter, et chaque consultation y est elle-même inscrite.`;

const MODERATION = `
## Modération et signalement
- Chaque forum, mur ou discussion a sa modération : les enseignants, et les élèves qu’ils désignent pour un espace donné, peuvent corriger ou retirer une contribution qui enfreint les règles.
- Le directeur ou la directrice de l’école est directeur de la publication des espaces de l’école et arrête les règles de modération.
- Chacun peut signaler en un clic un message ou un contenu qui lui paraît anormal ou choquant. Le signalement arrive aux enseignants, qui y donnent suite.`;

const MESSAGING = `
## Messagerie
- La messagerie est interne : elle permet seulement d’écrire aux autres membres de Préau, selon les règles de communication fixées par l’école.
- Les messages des élèves ne constituent pas une correspondance privée : ils peuvent être lus par l’équipe de l’école en cas de problème.
- Un message personnel doit être marqué comme privé au moment de l’envoi.
- N’écrivez qu’aux personnes concernées et limitez les pièces jointes à l’essentiel.`;

const DISCONNECT = `
## Droit à la déconnexion
- Chacun peut choisir des heures de tranquillité : pendant ces plages, aucune notification ne lui parvient.
- Si votre destinataire est hors ligne ou dans ses heures de tranquillité, Préau vous le signale : sa réponse viendra plus tard.`;

const PERSONAL_DATA = `
## Données personnelles
- Les informations vous concernant sont mises à jour à chaque rentrée scolaire.
- Lorsque vous n’avez plus besoin d’un compte, elles sont effacées de Préau dans un délai de trois mois.
- Vous pouvez consulter les données qui vous concernent et en demander la correction auprès de la direction de l’école.
- Vos contributions aux espaces partagés peuvent être gardées pour un usage pédagogique, à moins que vous ne vous y opposiez.`;

const STORAGE = `
## Stockage et sobriété numérique
- Chaque profil dispose d’un espace de stockage limité. Un fichier trop lourd ou des dépôts trop nombreux sont refusés, et Préau vous en donne la raison.
- Ne déposez que des documents utiles à la scolarité : Préau n’est pas fait pour échanger de la musique, des films, des logiciels ou des jeux.
- Préférez les fichiers légers et supprimez ce qui ne sert plus.`;

const IMAGE_RIGHTS = `
## Droit à l’image et droit d’auteur
- Aucune photo, aucun enregistrement de voix ni aucune vidéo permettant de reconnaître un élève n’est publié sans l’accord de ses responsables légaux.
- Les auteurs conservent leur droit moral : leur nom reste affiché sur ce qu’ils ont produit.
- N’utilisez que des textes, images et sons libres de droits, couverts par l’exception pédagogique ou autorisés par leur auteur, et indiquez-en la source.
- Ce qui est publié sur Préau n’a pas à être diffusé ailleurs, notamment sur les réseaux sociaux.`;

const ACCESSIBILITY_AND_HELP = `
## Accessibilité et assistance
- Vous pouvez adapter la police et la taille des caractères ; les contenus peuvent être proposés sous forme écrite, sonore ou visuelle.
- En cas de difficulté technique, le formulaire d’assistance permet de décrire précisément le problème aux administrateurs.`;

const SANCTIONS = `
## En cas de manquement
- Le non-respect de cette charte peut entraîner la limitation, la suspension ou la suppression de l’accès à Préau. Cette mesure n’est prise qu’après que la personne concernée a pu s’expliquer.
- Les actes contraires à la loi peuvent en outre donner lieu à des poursuites.`;

// ——— Pupils ————————————————————————————————————————————————————————————————————————————————

const PUPIL_BODY = `
## Préau, c’est l’espace de travail de ma classe

Je m’en sers pour apprendre et pour travailler avec les autres.

## Mon compte
- Je garde mon mot de passe pour moi. Je ne le donne à personne, même pas à mon meilleur ami.
- Je n’utilise jamais le compte d’un autre élève.
- Quand j’ai fini, je me déconnecte.
- Si je crois que quelqu’un connaît mon mot de passe, je le dis tout de suite à mon enseignant.

## Je me protège
- Je ne partage rien de personnel sur moi ou sur ma famille : pas d’adresse, pas de numéro de téléphone.
- Je ne publie pas la photo, la voix ou la vidéo d’un camarade sans autorisation.

## Je respecte les autres
- Je reste poli : pas de gros mots, pas d’insultes, pas de moqueries.
- Avant d’écrire, je réfléchis. Je fais des phrases complètes et je me relis.
- Dans un forum, je reste sur le sujet.
- Je ne fais pas de publicité et je n’essaie pas d’imposer mes idées.
- Je respecte le travail des autres : je ne l’efface pas et je ne le change pas sans permission.
- Quand je reprends un texte, une image ou un son, je cite mes sources.
- Mon nom s’affiche sur ce que je crée, et celui des autres sur ce qu’ils ont créé.

## Si quelque chose me gêne
- Si je vois un message ou une image qui me choque ou me fait peur, je le signale à un enseignant en un clic.
- Je peux aussi en parler à mon maître, à ma maîtresse ou à mes parents.

## Ce que je dois savoir
- Tout ce que je fais sur Préau est enregistré et peut être consulté : ce que j’écris, ce que je change et ce que je regarde.
- Mes messages ne sont pas secrets : un adulte de l’école peut les lire en cas de problème.
- Mes parents peuvent voir le travail de ma classe.
- Certains élèves aident à la modération : ils peuvent corriger ou retirer un message qui ne respecte pas les règles.
- Le soir, je peux couper les notifications.
- Si je ne respecte pas cette charte, je peux perdre l’accès à Préau pendant un temps. On m’écoutera d’abord.`;

// ——— Teachers ——————————————————————————————————————————————————————————————————————————————

const TEACHER_ROLE = `
Cette charte précise les conditions dans lesquelles vous utilisez Préau avec vos élèves, leurs familles et vos collègues.

## Vos espaces et vos élèves
- Vous créez les espaces de vos classes et de vos groupes et décidez qui peut y écrire.
- Vous voyez ce qui concerne vos classes, vos groupes et vous-même ; le reste de l’école ne vous est pas ouvert.
- Toutes les actions des élèves de vos classes vous sont visibles, y compris dans leurs espaces personnels et leur messagerie. Cette possibilité ne fait pas de vous le contrôleur permanent de ces espaces : leur usage repose sur la confiance et sur la responsabilité des élèves.
- Vous modérez en direct, traitez les signalements et pouvez confier à des élèves la modération d’un espace précis.
- Veillez à ce que vos élèves utilisent Préau pour des activités pédagogiques que vous encadrez, apprenez-leur à s’en servir de façon responsable et informez la direction de tout usage non autorisé.
- Adaptez vos contenus aux besoins de chaque élève (mise en forme, supports écrits, sonores ou visuels).
- Vous échangez avec les parents de vos élèves par la messagerie interne.

## Cahier de textes
- La direction peut ouvrir à un inspecteur une consultation du cahier de textes limitée dans le temps : huit jours au maximum, sauf si vous en êtes d’accord.
- Un visa de la direction vous est annoncé huit jours à l’avance ; une fois apposé, il empêche de modifier les entrées visées.`;

// ——— Parents ———————————————————————————————————————————————————————————————————————————————

const PARENT_ROLE = `
En tant que responsable légal, vous suivez sur Préau le travail de la classe de votre enfant.

## Ce que vous pouvez voir et faire
- Vous lisez tous les contenus collectifs auxquels votre enfant a accès : murs, pads, forums et actualités de sa classe et de ses groupes.
- Le salon de discussion de la classe est un échange entre les élèves et leurs enseignants : vous ne le lisez que si l’enseignant vous l’ouvre.
- Vous commentez là où l’espace le prévoit et participez aux espaces collaboratifs ouverts aux familles.
- Vous ne voyez ni les autres classes ni les messages échangés par d’autres personnes.
- Vous écrivez aux enseignants de votre enfant et à la direction par la messagerie interne.
- Un coup d’œil régulier vous aide à suivre la vie de la classe ; si quelque chose vous semble anormal, prévenez l’enseignant ou signalez le contenu.
- Vous êtes responsable de ce que vous écrivez ; accompagnez votre enfant pour qu’il s’exprime, lui aussi, correctement.
- N’utilisez Préau que pour ce qui touche à la scolarité de votre enfant.
- Les enseignants ont eux aussi droit à la déconnexion : n’attendez pas de réponse de leur part en dehors du temps scolaire.`;

const PARENT_SANCTIONS = `
- Lorsqu’une mesure concerne votre enfant, vous en êtes informé.`;

// ——— Director ——————————————————————————————————————————————————————————————————————————————

const DIRECTOR_ROLE = `
Vous représentez l’école et êtes responsable des espaces qu’elle ouvre sur Préau.

## Vos responsabilités
- Directeur ou directrice de la publication, vous veillez à ce que rien d’illicite, d’injurieux ou de diffamatoire n’y soit publié et vous faites paraître les droits de réponse demandés, dans les trois jours.
- Vous fixez les règles de modération de l’école ; les enseignants et les élèves qu’ils désignent les appliquent.
- Vous suspendez ou rétablissez un accès, toujours après avoir entendu la personne concernée ; pour un élève, ses responsables légaux sont informés.
- Vous êtes l’interlocuteur des demandes relatives aux données personnelles (consultation, correction, opposition) et vous y répondez.
- Vous pouvez lire le journal d’activité de toute l’école. Chacune de vos consultations y est elle-même consignée : n’y recourez qu’à bon escient.
- Vous pouvez ouvrir à un inspecteur une consultation du cahier de textes limitée dans le temps, huit jours au maximum sauf accord des intéressés. Vous annoncez tout visa aux enseignants huit jours à l’avance ; il verrouille les entrées visées.
- Vous autorisez l’intervention des personnels et des partenaires ; les comptes de ces derniers sont générés par l’école.
- Vous veillez à ce que les autorisations de droit à l’image soient recueillies et conservées.`;

// ——— Staff ————————————————————————————————————————————————————————————————————————————————

const STAFF_ROLE = `
Cette charte s’applique aux personnels de l’école et de la collectivité qui utilisent Préau.

## Votre accès
- Vous disposez des services que l’école vous accorde, pour les besoins de vos missions, et seulement des espaces qui vous concernent.
- Respectez les paramètres d’utilisation définis par la direction (profils, accès, règles de communication).
- N’utilisez que le matériel autorisé, n’installez pas d’application non prévue et ne modifiez pas la configuration du réseau.
- Les informations relatives aux élèves et à leurs familles sont confidentielles : protégez-les et ne les transmettez à personne.
- Prévenez la direction si vos codes d’accès sont perdus, s’ils ont servi de façon inhabituelle ou si quelqu’un a essayé de s’en emparer.
- Éteignez ou mettez en veille les appareils après usage.`;

// ——— Admin ————————————————————————————————————————————————————————————————————————————————

const ADMIN_ROLE = `
Votre profil d’administrateur vous donne des droits étendus sur Préau. Ils sont assortis d’obligations particulières.

## Vos missions
- Vous gérez les comptes, l’import des élèves à chaque rentrée, les règles de communication, les quotas de stockage et les services ouverts à chaque profil.
- Vous traitez les demandes envoyées par le formulaire d’assistance et les signalements de comptes compromis.

## Des droits étendus, sous contrôle
- Vos droits peuvent vous donner accès à des informations personnelles, voire confidentielles. Vous n’en faites usage que lorsqu’une raison technique, réglementaire ou juridique l’exige.
- Chaque utilisation de ces droits est inscrite au journal, que la direction peut consulter.
- Vous gardez une discrétion absolue sur ce que vous voyez. Vous ne demandez jamais son mot de passe à un utilisateur, et le vôtre reste strictement secret.
- Vous agissez sous l’autorité de la direction, à qui vous rendez compte et que vous conseillez ou alertez au besoin.`;

// ——— Guests and partners ————————————————————————————————————————————————————————————————————

const GUEST_ROLE = `
Vous intervenez à l’école comme partenaire (intervenant, tuteur de stage, association…). L’école vous a créé un compte pour la durée de votre projet.

## Votre accès
- Votre compte est généré par l’école : choisissez votre propre mot de passe à la première connexion.
- Vous n’accédez qu’aux espaces dans lesquels vous avez été invité ; le reste de l’école ne vous est pas visible.
- Vous échangez uniquement avec les membres de ces espaces, selon les règles de communication de l’école.
- Vous ne photographiez ni n’enregistrez aucun élève sans que l’école vous ait confirmé l’accord de ses responsables légaux.
- À la fin de votre intervention, votre compte est fermé puis vos données personnelles sont effacées dans les trois mois.`;

// ——— The charters ——————————————————————————————————————————————————————————————————————————

const TITLE_PREFIX = 'Charte d’utilisation de Préau';

export const DEFAULT_CHARTERS: Record<Profile, DefaultCharter> = {
  pupil: {
    profile: 'pupil',
    title: `${TITLE_PREFIX} – élèves`,
    body: join(PUPIL_BODY),
  },
  teacher: {
    profile: 'teacher',
    title: `${TITLE_PREFIX} – enseignants`,
    body: join(
      TEACHER_ROLE,
      ACCOUNT,
      NEUTRALITY,
      LOGGING,
      MODERATION,
      MESSAGING,
      IMAGE_RIGHTS,
      PERSONAL_DATA,
      STORAGE,
      DISCONNECT,
      ACCESSIBILITY_AND_HELP,
      SANCTIONS,
    ),
  },
  parent: {
    profile: 'parent',
    title: `${TITLE_PREFIX} – parents et responsables légaux`,
    body: join(
      PARENT_ROLE,
      ACCOUNT,
      NEUTRALITY,
      LOGGING,
      MODERATION,
      MESSAGING,
      IMAGE_RIGHTS,
      PERSONAL_DATA,
      STORAGE,
      DISCONNECT,
      ACCESSIBILITY_AND_HELP,
      SANCTIONS + PARENT_SANCTIONS,
    ),
  },
  director: {
    profile: 'director',
    title: `${TITLE_PREFIX} – direction de l’école`,
    body: join(
      DIRECTOR_ROLE,
      ACCOUNT,
      NEUTRALITY,
      LOGGING,
      MODERATION,
      MESSAGING,
      IMAGE_RIGHTS,
      PERSONAL_DATA,
      STORAGE,
      DISCONNECT,
      ACCESSIBILITY_AND_HELP,
      SANCTIONS,
    ),
  },
  staff: {
    profile: 'staff',
    title: `${TITLE_PREFIX} – personnels`,
    body: join(
      STAFF_ROLE,
      ACCOUNT,
      NEUTRALITY,
      LOGGING,
      MODERATION,
      MESSAGING,
      IMAGE_RIGHTS,
      PERSONAL_DATA,
      STORAGE,
      DISCONNECT,
      ACCESSIBILITY_AND_HELP,
      SANCTIONS,
    ),
  },
  admin: {
    profile: 'admin',
    title: `${TITLE_PREFIX} – administrateurs`,
    body: join(
      ADMIN_ROLE,
      ACCOUNT,
      NEUTRALITY,
      LOGGING,
      MODERATION,
      MESSAGING,
      PERSONAL_DATA,
      STORAGE,
      DISCONNECT,
      ACCESSIBILITY_AND_HELP,
      SANCTIONS,
    ),
  },
  guest: {
    profile: 'guest',
    title: `${TITLE_PREFIX} – invités et partenaires`,
    body: join(
      GUEST_ROLE,
      ACCOUNT,
      NEUTRALITY,
      LOGGING,
      MODERATION,
      MESSAGING,
      IMAGE_RIGHTS,
      PERSONAL_DATA,
      DISCONNECT,
      ACCESSIBILITY_AND_HELP,
      SANCTIONS,
    ),
  },
};
