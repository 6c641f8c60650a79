import { defineFeatureI18n, useFeatureT } from '../../i18n/feature';
import fr from './i18n/fr.json';

/** The pad namespace, registered when this module is first imported (with the pad's pages). */
export const padI18n = defineFeatureI18n('pad', fr, () => import('./i18n/en.json'));

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends Record<string, unknown> ? Leaves<T[K], `${P}${K}.`> : `${P}${K}`;
}[keyof T & string];
/** Plural keys are asked for without their suffix (`count` for `count_one` / `count_other`). */
type Unplural<K extends string> = K extends `${infer B}_${'zero' | 'one' | 'other'}` ? B : K;
export type PadKey = Unplural<Leaves<typeof fr>>;

export type PadT = (key: PadKey, options?: Record<string, unknown>) => string;

/** `t` for the pad's keys, checked at compile time against the French file. */
export function usePadT(): { t: PadT; language: string } {
  const { t, language } = useFeatureT(padI18n);
  return { t, language };
}
