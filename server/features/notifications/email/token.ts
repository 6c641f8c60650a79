import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The one-click unsubscribe link's token: the user's id and an HMAC of it with the server's secret (the session
 * secret, shared by every node), so the link works without signing in and nobody can forge one for someone else.
 * It never expires: an old e-mail's link still stops the e-mails.
 */
const PURPOSE = 'preau:notifications:unsubscribe:';

const macOf = (secret: string, userId: string): Buffer => createHmac('sha256', secret).update(`${PURPOSE}${userId}`).digest();

/** `<userId base64url>.<mac base64url>`. */
export function unsubscribeToken(secret: string, userId: string): string {
  return `${Buffer.from(userId).toString('base64url')}.${macOf(secret, userId).toString('base64url')}`;
}

/** The user id a token was made for, or null when it is not one of ours. */
export function verifyUnsubscribeToken(secret: string, token: string): string | null {
  const [encodedId, encodedMac, ...rest] = token.split('.');
  if (!encodedId || !encodedMac || rest.length > 0) return null;
  const userId = Buffer.from(encodedId, 'base64url').toString();
  const given = Buffer.from(encodedMac, 'base64url');
  const expected = macOf(secret, userId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}
