import type { SpaceKind } from '../../../../shared/spaces/types';

/** Small line icons for the home page features (drawn here: no icon font or CDN under our CSP). */
const ICON_PATHS = {
  walls: ['M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z', 'M7 7h4v4H7z', 'M13 7h4v7h-4z', 'M7 14h4v3H7z'],
  pads: ['M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z', 'M14 3v5h5', 'M9 13h6', 'M9 17h4'],
  forums: [
    'M21 14l-3-3h-7a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1h9a1 1 0 0 1 1 1v10',
    'M14 15v2a1 1 0 0 1-1 1H6l-3 3V11a1 1 0 0 1 1-1h2',
  ],
  classChat: [
    'M9 3a4 4 0 1 1 0 8 4 4 0 0 1 0-8z',
    'M3 21v-2a4 4 0 0 1 4-4h4a4 4 0 0 1 4 4v2',
    'M16 3.13a4 4 0 0 1 0 7.75',
    'M21 21v-2a4 4 0 0 0-3-3.85',
  ],
  moderation: ['M12 3a12 12 0 0 0 8.5 3A12 12 0 0 1 12 21 12 12 0 0 1 3.5 6 12 12 0 0 0 12 3', 'M9 12l2 2 4-4'],
  chat: ['M21 12a8 8 0 0 1-11.6 7.1L4 21l1.9-5.4A8 8 0 1 1 21 12z', 'M8.5 12h.01', 'M12 12h.01', 'M15.5 12h.01'],
} as const;

export type IconName = keyof typeof ICON_PATHS;
/** The features the public home page presents (each with its words in `home.features`). */
export type FeatureName = Exclude<IconName, 'chat'>;

/** The icon of each kind of space (home page, space lists). */
export const SPACE_KIND_ICON = { wall: 'walls', pad: 'pads', forum: 'forums', chat: 'chat' } as const satisfies Record<SpaceKind, IconName>;

export function FeatureIcon({ name, size = 28 }: { name: IconName; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {ICON_PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
