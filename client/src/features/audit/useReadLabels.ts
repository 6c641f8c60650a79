import { useMediaQuery } from '@mantine/hooks';
import { useCallback } from 'react';
import type { AuditEntry } from '../../../../shared/audit/events';
import { formatDate } from '../../lib/format';
import { personName, shortId } from './describeEntry';
import { useAuditT, type AuditKey } from './i18n';
import { describeRead } from './reads';
import type { AuditNames } from './useAuditNames';

/** Below this width (portrait tablets, phones) rows become cards: no table in a side scroll. */
export function useNarrow(): boolean {
  return useMediaQuery('(max-width: 62em)') ?? false;
}

/** Events whose `reason` carries the filters of a read of the log. */
export const isLogRead = (entry: AuditEntry): boolean => entry.event === 'audit.read' || entry.event === 'audit.exported';

/**
 * The filters a read of the log used, in words (« Classe : CE2 · Événement : Connexion »), from the JSON the
 * server writes in its `reason`; null when the reason holds none.
 */
export function useReadLabels(names: Pick<AuditNames, 'people' | 'spaces' | 'classNames'>): (entry: AuditEntry) => string | null {
  const { t, event, language } = useAuditT();
  return useCallback(
    (entry: AuditEntry) => {
      const { rows, filters } = describeRead(entry.reason);
      const value = (key: keyof typeof filters, raw: string): string => {
        if (key === 'actor') return personName(names, raw, t);
        if (key === 'event') return event(raw);
        if (key === 'classId') return names.classNames.get(raw) ?? shortId(raw);
        if (key === 'spaceId') return names.spaces.get(raw)?.title ?? shortId(raw);
        if (key === 'status') return t(`statuses.${raw}` as AuditKey, { defaultValue: raw });
        return formatDate(Number(raw), language);
      };
      const parts = (Object.keys(filters) as (keyof typeof filters)[]).map((key) => t(`readers.filter.${key}`, { value: value(key, filters[key]!) }));
      if (rows !== null) parts.unshift(t('readers.rows', { count: rows }));
      if (parts.length > 0) return parts.join(' · ');
      return isLogRead(entry) && entry.reason?.includes('{') ? t('readers.noFilter') : null;
    },
    [names, t, event, language],
  );
}
