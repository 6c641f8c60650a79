/** URLs are French, like the rest of the product. */
export const paths = {
  home: '/',
  signIn: '/connexion',
} as const;
