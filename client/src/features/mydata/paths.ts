/** « Mes données »'s URLs (French, like the rest of the product). */
export const myDataPaths = {
  myData: '/mes-donnees',
  queue: '/admin/rectifications',
} as const;
