import { Text } from '@mantine/core';
import { useFeatureT } from '../../i18n/feature';
import { useEmbed } from '../wall/embeds/useEmbeds';
import { moderationI18n } from './i18n';

/**
 * Under a card's link in the console: the provider whose frame the wall shows for it (« YouTube, intégré à la
 * carte »), decided by the same whitelist as the wall (`useEmbed`), without loading the wall's own code.
 */
export function EmbedNote({ url }: { url: string }) {
  const { t } = useFeatureT(moderationI18n);
  const embed = useEmbed(url);
  if (embed?.kind !== 'frame') return null;
  return (
    <Text fz="xs" c="dark.4" data-testid="console-embed-provider" data-provider={embed.provider}>
      {t('embedSummary', { provider: t(`embedProvider.${embed.provider}`) })}
    </Text>
  );
}
