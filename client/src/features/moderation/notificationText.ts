import type { FeatureT } from '../../i18n/feature';

/**
 * A notification in words a child understands (« tu »), worded for what it was (« Ta carte… a été masquée »,
 * « Ton message… »): the item's kind is the context. The reason speaks of the item itself (« elle contenait… »),
 * except for a refused change, where it speaks of the change (« le changement… parce qu’il contenait… »).
 */
export function notificationText(t: FeatureT, code: string, params: Record<string, string>): string {
  const reasonContext = code === 'moderation.reject' ? undefined : params.kind;
  return t(`notify.${code}`, {
    ...params,
    context: params.kind,
    reason: t(`reasonsForChild.${params.reason ?? 'autre'}`, { context: reasonContext }),
    defaultValue: t('notify.generic'),
  });
}
