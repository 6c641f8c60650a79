import type { DisplayFont } from '../../../../../shared/display/limits';

/** Each shipped font's stylesheet (an npm font package), fetched only when someone chooses that font. */
export const FONT_STYLESHEETS: Record<Exclude<DisplayFont, 'system'>, () => Promise<unknown>> = {
  atkinson: () => Promise.all([import('@fontsource/atkinson-hyperlegible/400.css'), import('@fontsource/atkinson-hyperlegible/700.css')]),
  opendyslexic: () => Promise.all([import('@fontsource/opendyslexic/400.css'), import('@fontsource/opendyslexic/700.css')]),
};
