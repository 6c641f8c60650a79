/**
 * The printable connection sheets (*fiches de connexion*) handed to pupils and families after an import: one
 * page per account with the address, the identifier and the temporary password. Server-rendered French HTML,
 * with no script at all so it works under the strict CSP; only an inline style element, which the CSP allows.
 */
import type { Profile } from '../../../shared/identity/profiles';

export interface SheetAccount {
  login: string;
  displayName: string;
  initialPassword: string;
  kind: Profile;
  childDisplayName?: string | undefined;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every interpolated value goes through this: names and passwords come from a CSV and a request body. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

const KIND_LABELS: Record<Profile, string> = {
  pupil: 'Compte élève',
  parent: 'Compte responsable légal',
  teacher: 'Compte enseignant',
  director: 'Compte direction',
  staff: 'Compte personnel',
  admin: 'Compte administrateur',
  guest: 'Compte invité',
};

function whoFor(account: SheetAccount): string {
  if (account.kind === 'parent' && account.childDisplayName) {
    return `Responsable légal de ${escapeHtml(account.childDisplayName)}`;
  }
  return KIND_LABELS[account.kind];
}

function advice(account: SheetAccount): string {
  if (account.kind === 'pupil') {
    return `<p>Ce compte est celui de <strong>${escapeHtml(account.displayName)}</strong>, et de personne d’autre. Les parents ont
  chacun leur propre compte, remis sur une autre fiche.</p>
<p>À la première connexion, Préau demande de choisir un nouveau mot de passe, puis d’accepter la charte d’utilisation.
  Le mot de passe est personnel&nbsp;: on ne le prête pas, même à un camarade. Gardez cette fiche en lieu sûr,
  à la maison.</p>`;
  }
  if (account.kind !== 'parent') {
    return `<p>Ce compte est personnel et ne se prête pas&nbsp;: ne communiquez votre mot de passe à personne.</p>
<p>À la première connexion, Préau vous demande de choisir un nouveau mot de passe, puis d’accepter la charte
  d’utilisation. Le mot de passe provisoire ci-dessus ne fonctionne alors plus.</p>`;
  }
  return `<p>Ce compte est personnel&nbsp;: il n’est qu’à vous. Chaque parent a le sien, et votre enfant a son propre compte
  élève. Ne communiquez votre mot de passe à personne, pas même à votre enfant.</p>
<p>À la première connexion, Préau vous demande de choisir un nouveau mot de passe, puis d’accepter la charte
  d’utilisation. Le mot de passe provisoire ci-dessus ne fonctionne alors plus.</p>`;
}

function sheet(account: SheetAccount, schoolName: string, address: string): string {
  return `<section class="fiche">
<p class="school">${escapeHtml(schoolName)}</p>
<h1>Fiche de connexion à Préau</h1>
<p class="who"><strong>${escapeHtml(account.displayName)}</strong><br>${whoFor(account)}</p>
<dl>
  <dt>Adresse</dt><dd class="value">${escapeHtml(address)}</dd>
  <dt>Identifiant</dt><dd class="value">${escapeHtml(account.login)}</dd>
  <dt>Mot de passe provisoire</dt><dd class="value">${escapeHtml(account.initialPassword)}</dd>
</dl>
${advice(account)}
<p class="help">Mot de passe perdu, ou connu de quelqu’un d’autre&nbsp;? Prévenez l’école&nbsp;: elle vous remettra
  un nouveau mot de passe provisoire.</p>
</section>`;
}

const STYLE = `
  :root { color-scheme: light; }
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0; padding: 1rem;
    color: #111; background: #f4f4f4; line-height: 1.45; }
  .intro { max-width: 42rem; margin: 0 auto 1rem; }
  .fiche { box-sizing: border-box; max-width: 42rem; margin: 0 auto 1.5rem; padding: 1.5rem 2rem;
    background: #fff; border: 1px dashed #777; break-inside: avoid; page-break-inside: avoid; }
  .school { margin: 0; font-size: 0.95rem; color: #444; }
  h1 { margin: 0.25rem 0 0.75rem; font-size: 1.5rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.5rem 1rem; margin: 1rem 0;
    padding: 1rem; border: 2px solid #111; border-radius: 6px; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  .value { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 1.2rem; word-break: break-all; }
  .help { font-size: 0.9rem; color: #333; }
  @media print {
    body { background: #fff; padding: 0; }
    .intro { display: none; }
    .fiche { max-width: none; margin: 0; border: none; break-after: page; page-break-after: always; }
    .fiche:last-of-type { break-after: auto; page-break-after: auto; }
  }
`;

/** The whole printable page; `address` is the public origin users connect to. */
export function renderConnectionSheets(accounts: readonly SheetAccount[], schoolName: string, address: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Fiches de connexion – ${escapeHtml(schoolName)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="intro">
<h1>Fiches de connexion (${accounts.length})</h1>
<p>Imprimez cette page (Ctrl+P, ou ⌘+P sur Mac)&nbsp;: chaque fiche tient sur sa propre page. Remettez chaque fiche
  en main propre à la personne concernée et détruisez les exemplaires inutilisés&nbsp;: elles contiennent des mots de
  passe.</p>
</div>
${accounts.map((account) => sheet(account, schoolName, address)).join('\n')}
</body>
</html>
`;
}
