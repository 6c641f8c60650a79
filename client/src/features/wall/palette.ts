import type { WallBackground } from '../../../../shared/wall/settings';
import type { WallColor } from '../../../../shared/wall/types';

/** Card backgrounds: light tints, so dark text keeps an AA contrast ratio on every one. */
export const CARD_COLORS: Record<WallColor, string> = {
  blanc: '#ffffff',
  jaune: '#fff5c2',
  vert: '#dcf5dc',
  bleu: '#dcebff',
  rose: '#ffe0ec',
  violet: '#ece3ff',
  orange: '#ffe6cc',
};

/** Wall backgrounds: what is behind the cards. */
export const WALL_BACKGROUND_COLORS: Record<WallBackground, string> = {
  craie: '#f4f5f7',
  sable: '#f6efe2',
  ciel: '#e3f1fb',
  menthe: '#e3f6ef',
  lavande: '#efeafb',
  ardoise: '#37474f',
};

/** Section titles on a dark background must be light. */
export const isDarkBackground = (background: WallBackground): boolean => background === 'ardoise';
