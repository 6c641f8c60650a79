import { useCallback } from 'react';
import { useFeatureT } from '../../i18n/feature';
import type fr from './i18n/fr.json';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends Record<string, unknown> ? Leaves<T[K], `${P}${K}.`> : `${P}${K}`;
}[keyof T & string];
/** Plural keys are asked for without their suffix (`room.present` for `present_one` / `present_other`). */
type Unplural<K extends string> = K extends `${infer B}_${'one' | 'other'}` ? B : K;
export type ChatKey = Unplural<Leaves<typeof fr>>;
export type ChatT = (key: ChatKey, options?: Record<string, unknown>) => string;

/** `t` for the chat's namespace (registered from i18n/*.json by client/src/i18n/feature.ts), keys checked at compile time. */
export function useChatT(): { t: ChatT; language: string } {
  const { t, language } = useFeatureT('chat');
  const typed = useCallback<ChatT>((key, options) => t(key, options), [t]);
  return { t: typed, language };
}
