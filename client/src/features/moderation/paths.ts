/** The live moderation console's URL. */
export const moderationPath = '/moderation';
