import { useCallback } from 'react';
import { defineFeatureI18n, useFeatureT } from '../../i18n/feature';
import fr from './i18n/fr.json';

/** The chat namespace, registered when this module is first imported (with the chat's pages). */
export const chatI18n = defineFeatureI18n('chat', fr, () => import('./i18n/en.json'));

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends Record<string, unknown> ? Leaves<T[K], `${P}${K}.`> : `${P}${K}`;
}[keyof T & string];
/** Plural keys are asked for without their suffix (`room.present` for `present_one` / `present_other`). */
type Unplural<K extends string> = K extends `${infer B}_${'one' | 'other'}` ? B : K;
export type ChatKey = Unplural<Leaves<typeof fr>>;
export type ChatT = (key: ChatKey, options?: Record<string, unknown>) => string;

/** `t` for the chat's namespace (`chatI18n`), keys checked at compile time. */
export function useChatT(): { t: ChatT; language: string } {
  const { t, language } = useFeatureT(chatI18n);
  const typed = useCallback<ChatT>((key, options) => t(key, options), [t]);
  return { t: typed, language };
}
