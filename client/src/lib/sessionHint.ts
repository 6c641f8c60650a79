/**
 * Whether this browser was signed in when the tab last knew. The session cookie is HttpOnly, so public pages
 * cannot see it: this flag (no secret in it) lets them skip `GET /api/me` for visitors, who would only get a 401.
 */
const HINT_KEY = 'preau.signedIn';

export function hasSessionHint(): boolean {
  try {
    return window.localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return false;
  }
}

export function setSessionHint(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(HINT_KEY, '1');
    else window.localStorage.removeItem(HINT_KEY);
  } catch {
    // Storage disabled: public pages simply show the signed-out header.
  }
}
