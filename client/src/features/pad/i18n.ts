import { useFeatureT } from '../../i18n/feature';
import type fr from './i18n/fr.json';

/** The pad's translations live in `./i18n/{fr,en}.json`, registered as the `pad` namespace by the app. */
export const PAD_NS = 'pad';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends Record<string, unknown> ? Leaves<T[K], `${P}${K}.`> : `${P}${K}`;
}[keyof T & string];
/** Plural keys are asked for without their suffix (`count` for `count_one` / `count_other`). */
type Unplural<K extends string> = K extends `${infer B}_${'zero' | 'one' | 'other'}` ? B : K;
export type PadKey = Unplural<Leaves<typeof fr>>;

export type PadT = (key: PadKey, options?: Record<string, unknown>) => string;

/** `t` for the pad's keys, checked at compile time against the French file. */
export function usePadT(): { t: PadT; language: string } {
  const { t, language } = useFeatureT(PAD_NS);
  return { t, language };
}
