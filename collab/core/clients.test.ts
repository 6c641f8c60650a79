import { describe, expect, it } from 'vitest';
import { PAD_MAX_CLAIMED_CLIENTS } from '../../shared/pad/limits';
import { Attribution } from './attribution';
import { ClientIds } from './clients';

describe('ClientIds', () => {
  it('gives an id to the user who first used it: through content, or a claim', () => {
    const attribution = new Attribution();
    attribution.add(1, 0, 5, 'lea');
    const ids = new ClientIds(attribution);
    expect(ids.ownerOf(1)).toBe('lea');
    expect(ids.claim(1, 'lea')).toBeNull();
    expect(ids.claim(1, 'yanis')).toBe('taken');
    expect(ids.claim(2, 'yanis')).toBeNull();
    expect(ids.ownerOf(2)).toBe('yanis');
    expect(ids.claim(2, 'lea')).toBe('taken');
    expect(ids.has(2) && ids.has(1) && !ids.has(3)).toBe(true);
  });

  it('refuses ids for good, and remembers a bounded number of claims', () => {
    const ids = new ClientIds(new Attribution());
    ids.refuse(7);
    expect(ids.isRefused(7)).toBe(true);
    expect(ids.isRefused(8)).toBe(false);
    for (let client = 0; client < PAD_MAX_CLAIMED_CLIENTS; client++) expect(ids.claim(client + 100, 'parent')).toBeNull();
    expect(ids.claim(1, 'parent')).toBe('full');
    // Ids with content are not claims: they are not bounded by it.
    expect(ids.claim(100, 'parent')).toBeNull();
  });
});
