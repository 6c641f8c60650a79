import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { embedOf, type Embed, type EmbedOptions } from '../../../../../shared/wall/embeds';
import { apiRequest } from '../../../lib/api';
import { serverMetaQueryKey } from '../../home/useServerMeta';

/** The part of `GET /api/meta` the embeds read: the PeerTube hosts the school allows (also in the CSP). */
interface EmbedMeta {
  peertubeHosts?: string[];
}

const NO_HOSTS: string[] = [];

/**
 * What decides embeds in this browser: the school's PeerTube hosts (from /api/meta, in the same cache entry as the
 * home page's) and this Préau's origin. Until /api/meta answers, PeerTube links stay plain links.
 */
export function useEmbedOptions(): EmbedOptions {
  const meta = useQuery({
    queryKey: serverMetaQueryKey,
    queryFn: ({ signal }) => apiRequest<EmbedMeta>('/api/meta', { signal }),
    staleTime: Infinity,
  });
  const peertubeHosts = meta.data?.peertubeHosts ?? NO_HOSTS;
  return useMemo(() => ({ peertubeHosts, preauOrigin: window.location.origin }), [peertubeHosts]);
}

/** The embed a card's link stands for in this browser, or null for a plain link card. */
export function useEmbed(url: string | undefined): Embed | null {
  const options = useEmbedOptions();
  return useMemo(() => (url === undefined ? null : embedOf(url, options)), [url, options]);
}
