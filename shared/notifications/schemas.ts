import { z } from 'zod';
import { PROFILES } from '../identity/profiles';
import { EMAIL_ADDRESS_MAX_CHARS, NOTIFICATION_MAX_SPACE_PREFERENCES, SCHOOL_HOLIDAY_LABEL_MAX_CHARS, SCHOOL_MAX_HOLIDAYS } from './limits';
import { DELIVERIES, EMAIL_FREQUENCIES, NOTIFICATION_KINDS } from './types';

const ClockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const DaySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'YYYY-MM-DD');

export const QuietHoursSchema = z.object({ start: ClockSchema, end: ClockSchema, weekends: z.boolean() }).strict();

export const NotificationPreferencesSchema = z
  .object({
    kinds: z.partialRecord(z.enum(NOTIFICATION_KINDS), z.enum(DELIVERIES)),
    spaces: z
      .record(z.string().min(1).max(64), z.enum(DELIVERIES))
      .refine((spaces) => Object.keys(spaces).length <= NOTIFICATION_MAX_SPACE_PREFERENCES, 'too many spaces'),
    quietHours: QuietHoursSchema.nullable(),
    email: z.enum(EMAIL_FREQUENCIES),
    emailAddress: z.email().max(EMAIL_ADDRESS_MAX_CHARS).nullable(),
    emailUrgent: z.boolean(),
  })
  .strict();

export const SchoolHolidaySchema = z
  .object({ label: z.string().trim().min(1).max(SCHOOL_HOLIDAY_LABEL_MAX_CHARS), from: DaySchema, to: DaySchema })
  .strict()
  .refine((holiday) => holiday.from <= holiday.to, 'from after to');

export const SchoolNotificationSettingsSchema = z
  .object({
    quietHours: z.partialRecord(z.enum(PROFILES), QuietHoursSchema.nullable()),
    holidays: z.array(SchoolHolidaySchema).max(SCHOOL_MAX_HOLIDAYS),
  })
  .strict();

/** `?before=<ms>` of a page of notifications. */
export const NotificationPageQuerySchema = z.object({ before: z.coerce.number().int().positive().optional() }).strict();
