import 'i18next';
import type fr from './fr.json';

/** French is the reference: `t('…')` keys are checked against fr.json at compile time. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr };
    returnNull: false;
  }
}
