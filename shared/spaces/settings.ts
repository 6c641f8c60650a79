import type { ZodType } from 'zod';
import { ChatSettingsSchema } from '../chat/settings';
import { ForumSettingsSchema } from '../forum/settings';
import { PadSettingsSchema } from '../pad/settings';
import { WallSettingsSchema } from '../wall/settings';
import type { SpaceKind } from './types';

/**
 * Each kind's settings schema. A schema must accept `{}` (all fields defaulted), so a space can be created
 * with no settings, and must be strict, so nothing unknown is stored.
 */
export const SPACE_SETTINGS_SCHEMAS: Record<SpaceKind, ZodType<Record<string, unknown>>> = {
  wall: WallSettingsSchema,
  pad: PadSettingsSchema,
  forum: ForumSettingsSchema,
  chat: ChatSettingsSchema,
};
