/** The notification centre's URLs (French, like the rest of the product). */
export const notificationPaths = {
  centre: '/notifications',
  preferences: '/notifications/preferences',
} as const;
