import { IMAGE_MAX_BYTES, PDF_MAX_BYTES, WALL_BODY_MAX_CHARS } from '../../../../shared/wall/limits';
import type { WallT } from './i18n';

const MB = 1024 * 1024;

/**
 * The wall's limits as the user reads them (« 2 000 », « 8 Mo », « 10 Mo »), from the named limits of
 * shared/wall: every message that states a limit takes its numbers from here, so they never drift apart.
 */
export function limitWords(t: WallT, language: string): { text: string; image: string; pdf: string } {
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const megabytes = (bytes: number) => t('units.megabytes', { value: number.format(bytes / MB) });
  return { text: number.format(WALL_BODY_MAX_CHARS), image: megabytes(IMAGE_MAX_BYTES), pdf: megabytes(PDF_MAX_BYTES) };
}
