import { useCallback } from 'react';
import { defineFeatureI18n, useFeatureT } from '../../i18n/feature';
import fr from './i18n/fr.json';

/** The forum namespace, registered when this module is first imported (with the forum's pages). */
export const forumI18n = defineFeatureI18n('forum', fr, () => import('./i18n/en.json'));

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends Record<string, unknown> ? Leaves<T[K], `${P}${K}.`> : `${P}${K}`;
}[keyof T & string];
/** Plural keys are asked for without their suffix (`forum.posts` for `posts_one` / `posts_other`). */
type Unplural<K extends string> = K extends `${infer B}_${'one' | 'other'}` ? B : K;
export type ForumKey = Unplural<Leaves<typeof fr>>;
export type ForumT = (key: ForumKey, options?: Record<string, unknown>) => string;

/** `t` for the forum's namespace (`forumI18n`), keys checked at compile time. */
export function useForumT(): { t: ForumT; language: string } {
  const { t, language } = useFeatureT(forumI18n);
  const typed = useCallback<ForumT>((key, options) => t(key, options), [t]);
  return { t: typed, language };
}
