/**
 * Paths the server writes into links and the client routes (no zod here: the first pages' router imports it).
 * The page a class sign-in card's QR code opens; the token follows in the fragment, so it never reaches a server
 * log or a Referer.
 */
export const SIGN_IN_CARD_PATH = '/carte';
