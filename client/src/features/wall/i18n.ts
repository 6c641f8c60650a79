import { defineFeatureI18n, useFeatureT } from '../../i18n/feature';
import fr from './i18n/fr.json';

/** The wall namespace, registered when this module is first imported (with the wall's pages). */
export const wallI18n = defineFeatureI18n('wall', fr, () => import('./i18n/en.json'));

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends Record<string, unknown> ? Leaves<T[K], `${P}${K}.`> : `${P}${K}`;
}[keyof T & string];
/** Plural keys are asked for without their suffix (`present` for `present_one` / `present_other`). */
type Unplural<K extends string> = K extends `${infer B}_${'zero' | 'one' | 'other'}` ? B : K;
export type WallKey = Unplural<Leaves<typeof fr>>;

export type WallT = (key: WallKey, options?: Record<string, unknown>) => string;

/** `t` for the wall's keys, checked at compile time against the French file. */
export function useWallT(): { t: WallT; language: string } {
  const { t, language } = useFeatureT(wallI18n);
  return { t, language };
}
