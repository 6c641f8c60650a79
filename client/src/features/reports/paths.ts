/** Where each user follows what they reported. */
export const reportsPath = '/mes-signalements';
