import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { announceRightsChanged } from '../lib/socket';
import { followRights } from './liveRights';

describe('live rights', () => {
  it('reads /api/me and the spaces again when the tab is told its rights changed, and nothing else', async () => {
    const client = new QueryClient();
    for (const key of [['session'], ['spaces'], ['space', 'w1'], ['dashboard'], ['forum', 'f1']]) client.setQueryData(key, { cached: true });
    const stop = followRights(client);
    announceRightsChanged({ spaceId: 'w1' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const stale = (key: string[]) => client.getQueryState(key)?.isInvalidated;
    expect([stale(['session']), stale(['spaces']), stale(['space', 'w1'])]).toEqual([true, true, true]);
    expect([stale(['dashboard']), stale(['forum', 'f1'])]).toEqual([false, false]);

    // Once unsubscribed (the app unmounted), nothing follows.
    stop();
    client.setQueryData(['session'], { cached: true });
    announceRightsChanged();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(stale(['session'])).toBe(false);
  });
});
