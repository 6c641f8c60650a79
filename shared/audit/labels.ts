import type { Profile } from '../identity/profiles';
import type { AuditEntry, AuditEventName, AuditStatus } from './events';

/** The languages the journal's words exist in (French first). */
export type AuditLanguage = 'fr' | 'en';

/**
 * Every audit event in words, for the audit console and the CSV export alike (one table, so a spreadsheet and
 * the screen say the same thing). Typed by `AuditEventName`: an event added to a feature's list without its words
 * fails the type check. Each label stands on its own, without the console's families around it (« Message envoyé
 * dans une discussion », not « Message envoyé »). `{{name}}` is the person the entry concerns.
 */
export const AUDIT_EVENT_LABELS: Record<AuditEventName, Record<AuditLanguage, string>> = {
  'auth.login': { fr: 'Connexion', en: 'Sign-in' },
  'auth.login_failed': { fr: 'Échec de connexion', en: 'Failed sign-in' },
  'auth.logout': { fr: 'Déconnexion', en: 'Sign-out' },
  'auth.logout_all': { fr: 'Déconnexion de tous les appareils', en: 'Signed out of every device' },
  'auth.session_revoked': { fr: 'Session fermée', en: 'Session closed' },
  'auth.password_changed': { fr: 'Mot de passe changé', en: 'Password changed' },
  'auth.compromise_reported': { fr: 'Compte signalé comme compromis', en: 'Account reported as compromised' },
  'auth.login_throttled': {
    fr: 'Plusieurs tentatives de connexion au compte de {{name}} ont échoué',
    en: 'Several sign-ins to {{name}}’s account failed',
  },
  'auth.sign_in_code_issued': { fr: 'Code de connexion à usage unique créé pour {{name}}', en: 'One-time sign-in code issued for {{name}}' },
  'auth.sign_in_card_issued': { fr: 'Carte de connexion de classe créée pour {{name}}', en: 'Class sign-in card issued for {{name}}' },
  'auth.sign_in_card_revoked': { fr: 'Carte de connexion de {{name}} révoquée', en: '{{name}}’s sign-in card revoked' },
  'charter.accepted': { fr: 'Charte acceptée', en: 'Charter accepted' },
  'charter.published': { fr: 'Charte publiée', en: 'Charter published' },
  'user.created': { fr: 'Compte créé', en: 'Account created' },
  'user.imported': { fr: 'Compte importé', en: 'Account imported' },
  'user.updated': { fr: 'Compte modifié', en: 'Account updated' },
  'user.profiles_changed': { fr: 'Profils modifiés', en: 'Profiles changed' },
  'user.suspended': { fr: 'Compte suspendu', en: 'Account suspended' },
  'user.restored': { fr: 'Compte rétabli', en: 'Account restored' },
  'user.removed': { fr: 'Compte de {{name}} retiré de l’école (effacement prévu)', en: '{{name}}’s account removed from the school (erasure scheduled)' },
  'user.objection_changed': { fr: 'Opposition à la conservation des contributions de {{name}} modifiée', en: 'Objection to keeping {{name}}’s contributions changed' },
  'user.erased': { fr: 'Données d’une personne partie effacées', en: 'A departed person’s data erased' },
  'lifecycle.settings_changed': { fr: 'Délai d’effacement des comptes retirés modifié', en: 'Erasure delay of removed accounts changed' },
  'user.password_reset': { fr: 'Mot de passe réinitialisé', en: 'Password reset' },
  'school.password_change_set': {
    fr: 'Réglage du changement de mot de passe des élèves modifié',
    en: 'Pupils’ password change setting changed',
  },
  'class.created': { fr: 'Classe créée', en: 'Class created' },
  'class.updated': { fr: 'Classe modifiée', en: 'Class updated' },
  'group.created': { fr: 'Groupe créé', en: 'Group created' },
  'membership.changed': { fr: 'Appartenance à une classe ou un groupe modifiée', en: 'Class or group membership changed' },
  'admin.read_personal': { fr: 'Consultation de données personnelles par l’administrateur', en: 'Personal data read by the administrator' },
  'audit.read': { fr: 'Consultation du journal', en: 'Log read' },
  'audit.exported': { fr: 'Export du journal', en: 'Log exported' },
  'audit.verified': { fr: 'Vérification de la chaîne du journal', en: 'Log chain verified' },
  'audit.purged': { fr: 'Entrées anciennes du journal effacées (durée de conservation)', en: 'Old log entries purged (retention)' },
  'audit.pseudonymised': { fr: 'Entrées du journal d’une personne partie rendues anonymes', en: 'Log entries of a departed person pseudonymised' },
  'audit.retention_changed': { fr: 'Durée de conservation du journal modifiée', en: 'Log retention changed' },
  'content.viewed': { fr: 'Consultation d’un contenu', en: 'Content viewed' },
  'access.denied': { fr: 'Accès refusé', en: 'Access denied' },
  'space.created': { fr: 'Espace créé', en: 'Space created' },
  'space.updated': { fr: 'Espace modifié', en: 'Space updated' },
  'space.locked': { fr: 'Espace verrouillé', en: 'Space locked' },
  'space.unlocked': { fr: 'Espace déverrouillé', en: 'Space unlocked' },
  'space.viewed': { fr: 'Espace consulté', en: 'Space viewed' },
  'space.duplicated': { fr: 'Espace dupliqué', en: 'Space duplicated' },
  'space.archived': { fr: 'Espace archivé', en: 'Space archived' },
  'space.unarchived': { fr: 'Espace désarchivé', en: 'Space unarchived' },
  'space.deleted': { fr: 'Espace mis à la corbeille', en: 'Space moved to the bin' },
  'space.restored': { fr: 'Espace restauré depuis la corbeille', en: 'Space restored from the bin' },
  'space.purged': { fr: 'Espace effacé définitivement de la corbeille', en: 'Space purged from the bin' },
  'space.co_owner_added': { fr: 'Collègue ajouté comme co-enseignant', en: 'Co-teacher added' },
  'space.co_owner_removed': { fr: 'Co-enseignant retiré', en: 'Co-teacher removed' },
  'wall.card_created': { fr: 'Carte ajoutée sur un mur', en: 'Card added to a wall' },
  'wall.card_edited': { fr: 'Carte d’un mur modifiée', en: 'Wall card edited' },
  'wall.card_moved': { fr: 'Carte d’un mur déplacée', en: 'Wall card moved' },
  'wall.card_deleted': { fr: 'Carte d’un mur supprimée', en: 'Wall card deleted' },
  'wall.card_reacted': { fr: 'Réaction à une carte d’un mur', en: 'Reaction to a wall card' },
  'wall.card_approved': { fr: 'Carte d’un mur validée', en: 'Wall card approved' },
  'wall.comment_created': { fr: 'Commentaire ajouté sur un mur', en: 'Comment added on a wall' },
  'wall.comment_deleted': { fr: 'Commentaire d’un mur supprimé', en: 'Wall comment deleted' },
  'wall.file_uploaded': { fr: 'Fichier déposé sur un mur', en: 'File uploaded to a wall' },
  'wall.exported': { fr: 'Mur exporté', en: 'Wall exported' },
  'wall.sections_reordered': { fr: 'Colonnes d’un mur réordonnées', en: 'Wall sections reordered' },
  'wall.card_pinned': { fr: 'Carte d’un mur épinglée', en: 'Wall card pinned' },
  'wall.card_unpinned': { fr: 'Carte d’un mur désépinglée', en: 'Wall card unpinned' },
  'pad.edited': { fr: 'Pad modifié', en: 'Pad edited' },
  'pad.version_created': { fr: 'Version du pad enregistrée', en: 'Pad version saved' },
  'pad.version_restored': { fr: 'Version du pad restaurée', en: 'Pad version restored' },
  'pad.redacted': { fr: 'Passage du pad effacé', en: 'Pad passage redacted' },
  'forum.topic_created': { fr: 'Sujet de forum créé', en: 'Forum topic created' },
  'forum.post_created': { fr: 'Message de forum publié', en: 'Forum post published' },
  'forum.post_edited': { fr: 'Message de forum modifié', en: 'Forum post edited' },
  'forum.topic_updated': { fr: 'Sujet de forum modifié', en: 'Forum topic updated' },
  'chat.message_sent': { fr: 'Message envoyé dans une discussion', en: 'Chat message sent' },
  'chat.message_edited': { fr: 'Message d’une discussion modifié', en: 'Chat message edited' },
  'chat.message_deleted': { fr: 'Message d’une discussion supprimé', en: 'Chat message deleted' },
  'report.created': { fr: 'Contenu signalé', en: 'Content reported' },
  'moderation.claim': { fr: 'Signalement pris en charge', en: 'Report claimed' },
  'moderation.approve': { fr: 'Contenu validé', en: 'Content approved' },
  'moderation.hide': { fr: 'Contenu masqué', en: 'Content hidden' },
  'moderation.restore': { fr: 'Contenu rétabli', en: 'Content restored' },
  'moderation.edit': { fr: 'Contenu modifié par un modérateur', en: 'Content edited by a moderator' },
  'moderation.delete': { fr: 'Contenu supprimé par un modérateur', en: 'Content deleted by a moderator' },
  'moderation.reject': { fr: 'Modification d’un auteur refusée (le texte publié reste)', en: 'Author’s change refused (the published text stays)' },
  'moderation.mute': { fr: 'Participant rendu muet dans un espace', en: 'Participant muted in a space' },
  'moderation.unmute': { fr: 'Participant de nouveau autorisé à écrire dans un espace', en: 'Participant allowed to write in a space again' },
  'moderation.dismiss': { fr: 'Signalement classé sans suite', en: 'Report dismissed' },
  'moderation.designated': { fr: 'Élève désigné modérateur', en: 'Pupil made a moderator' },
  'moderation.revoked': { fr: 'Élève retiré des modérateurs', en: 'Pupil removed from moderators' },
  'moderation.settings_changed': { fr: 'Réglages de modération modifiés', en: 'Moderation settings changed' },
  'activity.read': { fr: 'Consultation de l’activité d’un élève', en: 'A pupil’s activity read' },
  'evidence.read': { fr: 'Consultation des preuves de modération', en: 'Moderation evidence read' },
  'evidence.purged': { fr: 'Preuves de modération effacées (durée de conservation écoulée)', en: 'Moderation evidence erased (retention period over)' },
  'notifications.preferences_changed': { fr: 'Préférences de notification modifiées', en: 'Notification preferences changed' },
  'notifications.school_settings_changed': { fr: 'Heures calmes et vacances de l’école modifiées', en: 'School quiet hours and holidays changed' },
  'notifications.email_unsubscribed': { fr: 'E-mails désactivés par le lien de désinscription', en: 'E-mails turned off through the unsubscribe link' },
  'display.preferences_changed': { fr: 'Préférences d’affichage modifiées (police, taille du texte, contraste)', en: 'Display preferences changed (font, text size, contrast)' },
  'mydata.exported': { fr: 'Données personnelles de {{name}} téléchargées', en: '{{name}}’s personal data downloaded' },
  'mydata.rectification_requested': { fr: 'Demande de rectification des données de {{name}}', en: 'Request to correct {{name}}’s data' },
  'mydata.rectification_answered': { fr: 'Réponse à une demande de rectification de {{name}}', en: 'Answer to a request to correct {{name}}’s data' },
  'schoolyear.opened': { fr: 'Nouvelle année scolaire ouverte', en: 'New school year opened' },
  'schoolyear.class_archived': { fr: 'Classe de l’année passée archivée', en: 'Last year’s class archived' },
  'schoolyear.pupil_moved': { fr: 'Passage de {{name}} dans sa classe de l’année', en: '{{name}} moved to this year’s class' },
  'schoolyear.teacher_assigned': { fr: 'Classe de l’année confiée à {{name}}', en: 'This year’s class given to {{name}}' },
  'schoolyear.moderators_reset': { fr: 'Élèves modérateurs d’un espace retirés pour la nouvelle année', en: 'A space’s pupil moderators revoked for the new year' },
};

/** An entry's result in words. */
export const AUDIT_STATUS_LABELS: Record<AuditStatus, Record<AuditLanguage, string>> = {
  success: { fr: 'Réussi', en: 'Succeeded' },
  denied: { fr: 'Refusé', en: 'Denied' },
  fail: { fr: 'Échec', en: 'Failed' },
};

/** A profile in words (who the author was when they acted). */
export const AUDIT_PROFILE_LABELS: Record<Profile, Record<AuditLanguage, string>> = {
  pupil: { fr: 'Élève', en: 'Pupil' },
  teacher: { fr: 'Enseignant', en: 'Teacher' },
  parent: { fr: 'Parent', en: 'Parent' },
  director: { fr: 'Direction', en: 'Head teacher' },
  staff: { fr: 'Personnel', en: 'Staff' },
  admin: { fr: 'Administrateur', en: 'Administrator' },
  guest: { fr: 'Invité', en: 'Guest' },
};

/**
 * The other person an entry concerns: the account it was about (a suspension, a read of a pupil's activity), or
 * the author of the content it touched (a hidden message, a viewed wall). Never the actor.
 */
export function concernedUserOf(entry: Pick<AuditEntry, 'target' | 'actor'>): { id: string; as: 'subject' | 'owner' } | null {
  const { target, actor } = entry;
  if (target.type === 'user' && target.id && target.id !== actor.userId) return { id: target.id, as: 'subject' };
  if (target.ownerId && target.ownerId !== actor.userId) return { id: target.ownerId, as: 'owner' };
  return null;
}

/**
 * An event in words, `{{name}}` replaced by the person concerned (`name`); an event name nobody knows (an entry
 * written by a newer release) stays as it is rather than disappearing.
 */
export function auditEventLabel(event: string, language: AuditLanguage, name: string): string {
  const label = (AUDIT_EVENT_LABELS as Partial<Record<string, Record<AuditLanguage, string>>>)[event]?.[language];
  return label === undefined ? event : label.replace(/\{\{name\}\}/g, name);
}
