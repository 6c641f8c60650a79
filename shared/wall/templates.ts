import { z } from 'zod';
import type { WallColor } from './types';
import type { WallSection, WallSettings } from './settings';

/**
 * Wall templates (issue 19): a new wall starts from one of these, with its layout, sections and settings, and
 * optionally a few example cards authored by the teacher creating it. The client names each template through
 * i18n (`templates.<id>.title`); the section titles and example cards below are written into the new wall
 * itself, so they are in the school's language, French.
 */
export const WALL_TEMPLATE_IDS = ['brainstorm', 'kwl', 'timeline', 'gallery', 'news'] as const;
export type WallTemplateId = (typeof WALL_TEMPLATE_IDS)[number];
export const WallTemplateIdSchema = z.enum(WALL_TEMPLATE_IDS);

/** An example card of a template: a title, the section it goes in (null: the first, or none) and a colour. */
export interface WallTemplateExample {
  title: string;
  sectionId: string | null;
  color: WallColor;
}

export interface WallTemplate {
  id: WallTemplateId;
  /** The settings the new wall starts with (the rest are the defaults); sections are in order. */
  settings: Partial<WallSettings> & { sections: WallSection[] };
  examples: WallTemplateExample[];
}

const sections = (...titles: [id: string, title: string][]): WallSection[] => titles.map(([id, title], order) => ({ id, title, order }));

export const WALL_TEMPLATES: Record<WallTemplateId, WallTemplate> = {
  // Everyone throws ideas on the free canvas; a like says « moi aussi ».
  brainstorm: {
    id: 'brainstorm',
    settings: { layout: 'canvas', sections: [], reaction: 'like', background: 'ciel' },
    examples: [
      { title: 'Une première idée', sectionId: null, color: 'jaune' },
      { title: 'Une idée qui en entraîne une autre', sectionId: null, color: 'vert' },
    ],
  },
  // « Ce que je sais / ce que je veux savoir / ce que j'ai appris » (a KWL chart).
  kwl: {
    id: 'kwl',
    settings: { layout: 'columns', sections: sections(['je-sais', 'Ce que je sais'], ['je-veux-savoir', 'Ce que je veux savoir'], ['j-ai-appris', 'Ce que j’ai appris']), background: 'craie' },
    examples: [
      { title: 'Les volcans crachent de la lave.', sectionId: 'je-sais', color: 'jaune' },
      { title: 'Pourquoi la lave est-elle si chaude ?', sectionId: 'je-veux-savoir', color: 'bleu' },
      { title: 'La lave vient du magma, sous la croûte terrestre.', sectionId: 'j-ai-appris', color: 'vert' },
    ],
  },
  // The five periods of history taught from the cycle 3 on, one column each, in order.
  timeline: {
    id: 'timeline',
    settings: {
      layout: 'columns',
      sections: sections(['prehistoire', 'Préhistoire'], ['antiquite', 'Antiquité'], ['moyen-age', 'Moyen Âge'], ['temps-modernes', 'Temps modernes'], ['contemporaine', 'Époque contemporaine']),
      lockedPositions: true,
      background: 'sable',
    },
    examples: [
      { title: 'Les peintures de la grotte de Lascaux', sectionId: 'prehistoire', color: 'orange' },
      { title: 'La construction des châteaux forts', sectionId: 'moyen-age', color: 'violet' },
    ],
  },
  // The class's work, shown one after the other; every picture is looked at by the teacher first.
  gallery: {
    id: 'gallery',
    settings: { layout: 'stream', sections: [], reaction: 'star', preModeration: true, whoCanPost: 'pupils', background: 'ardoise' },
    examples: [{ title: 'Notre plus beau dessin', sectionId: null, color: 'blanc' }],
  },
  // « Quoi de neuf ? »: each pupil shares a piece of news, the class comments.
  news: {
    id: 'news',
    settings: { layout: 'stream', sections: [], comments: true, reaction: 'like', whoCanPost: 'pupils', background: 'menthe' },
    examples: [{ title: 'Ce week-end, j’ai vu un arc-en-ciel double !', sectionId: null, color: 'rose' }],
  },
};
