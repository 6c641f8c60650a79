import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { PAD_MAX_DEPTH } from '../pad/limits';
import { ALLOWED_LINK, LINK_REL } from './attributes';
import { RICH_TEXT_MAX_DEPTH } from './limits';
import { NestingLimit } from './nesting';

export { ALLOWED_LINK } from './attributes';

/** Heading levels offered in Préau's editors (the page title is the space's title). */
export const HEADING_LEVELS = [2, 3] as const;

/**
 * The editor's extensions: the client editors and the server validator build the same ProseMirror schema from
 * this list, so nothing outside it is ever stored. Collaborative pads add Collaboration on top (no schema change).
 */
export function richTextExtensions(options: { collaborative?: boolean } = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [...HEADING_LEVELS] },
      // Collaboration brings its own history; two would fight.
      ...(options.collaborative ? { undoRedo: false } : {}),
      link: {
        openOnClick: false,
        autolink: true,
        protocols: ['http', 'https', 'mailto'],
        defaultProtocol: 'https',
        isAllowedUri: (url) => ALLOWED_LINK.test(url),
        HTMLAttributes: { rel: LINK_REL, target: '_blank' },
      },
    }),
    // As deep as the server accepts: a pad's nodes (PAD_MAX_DEPTH), a card's or post's JSON (text counts a level).
    NestingLimit.configure({ maxDepth: options.collaborative ? PAD_MAX_DEPTH : RICH_TEXT_MAX_DEPTH - 1 }),
  ];
}
