import type { i18n as I18n, PostProcessorModule, TOptions } from 'i18next';
import { PROFILE_PRECEDENCE, type Profile } from '../../../shared/identity/profiles';

/**
 * Who reads: a pupil is spoken to with « tu », an adult with « vous ». A key's plain form is the adults' one; its
 * `_pupil` form (the i18next context `pupil`) the pupils' one, when they differ.
 */
export type Voice = 'pupil' | 'adult';

/** « tu » when the user's main profile (the first in PROFILE_PRECEDENCE they hold) is pupil, « vous » otherwise. */
export function voiceOf(profiles: readonly Profile[] | undefined): Voice {
  return PROFILE_PRECEDENCE.find((profile) => profiles?.includes(profile)) === 'pupil' ? 'pupil' : 'adult';
}

/** Whose profiles decide the voice: the signed-in user's, read when a word is translated (none: adults' words). */
let profilesSource: () => readonly Profile[] | undefined = () => undefined;

/**
 * Sets once where the signed-in user's profiles are read (the session in the query cache), so every `t` of the app
 * and of every feature speaks to them in their voice without each call naming it.
 */
export function setVoiceSource(source: () => readonly Profile[] | undefined): void {
  profilesSource = source;
}

/** The signed-in user's voice now. */
export function currentVoice(): Voice {
  return voiceOf(profilesSource());
}

const VOICED = '__voiced';

interface Translator {
  translate: (key: string | string[], options: TOptions) => unknown;
  resolve: (key: string | string[], options: TOptions) => { exactUsedKey?: string } | undefined;
}

/**
 * The i18next post-processor that picks the pupil form of a key for a signed-in pupil: `key_pupil` for a `t` without
 * a context, `key_<context>_pupil` for one with its own context (`hide_wallCard_pupil`), when that form exists.
 */
export const voicePostProcessor: PostProcessorModule = {
  type: 'postProcessor',
  name: 'voice',
  process(value: string, key: string | string[], options: TOptions, translator: Translator) {
    if ((options as Record<string, unknown>)[VOICED] || currentVoice() !== 'pupil' || options.context === 'pupil') return value;
    const has = (context: string) => translator.resolve(key, { ...options, context })?.exactUsedKey?.includes(`_${context}`) === true;
    const own = options.context === undefined || options.context === '' ? null : String(options.context);
    // `key_<context>_pupil`; else, when the context has no form of its own (`hide_chatMessage`), `key_pupil`.
    const context = own !== null && has(`${own}_pupil`) ? `${own}_pupil` : (own === null || !has(own)) && has('pupil') ? 'pupil' : null;
    if (context === null) return value;
    const voiced = translator.translate(key, { ...options, context, postProcess: [], [VOICED]: true });
    return typeof voiced === 'string' ? voiced : value;
  },
};

/** Adds the voice to an i18next instance before its `init` (`postProcess: ['voice']` in its options). */
export function withVoice(instance: I18n): I18n {
  return instance.use(voicePostProcessor);
}
