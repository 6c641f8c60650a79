import { describe, expect, it } from 'vitest';
import { WallSettingsSchema } from './settings';
import { WALL_TEMPLATE_IDS, WALL_TEMPLATES } from './templates';

describe('wall templates', () => {
  it.each(WALL_TEMPLATE_IDS)('%s: its settings are valid wall settings, and each example goes in one of its sections', (id) => {
    const template = WALL_TEMPLATES[id];
    expect(template.id).toBe(id);
    const settings = WallSettingsSchema.parse(template.settings);
    const sections = new Set(settings.sections.map((section) => section.id));
    for (const example of template.examples) expect(example.sectionId === null || sections.has(example.sectionId), example.title).toBe(true);
    // A columns wall has columns; a canvas or a stream has none to show.
    expect(settings.sections.length > 0).toBe(settings.layout === 'columns');
  });
});
