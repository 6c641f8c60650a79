/** A label said « vous » to adults and « tu » to pupils (`key` and `key_pupil`): either, as the whole name. */
export function eitherVoice(adult: string, pupil: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(?:${escape(adult)}|${escape(pupil)})$`);
}
