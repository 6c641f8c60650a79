import { describe, expect, it } from 'vitest';
import type { SpaceSummary, SpaceView } from '../../../../shared/spaces/types';
import { NO_SPACE_RIGHTS, rightsOf } from './rights';

describe('a space’s rights', () => {
  it('are the ones the server sent with it, and none when it sent none', () => {
    const rights = { read: true, comment: true, write: false, moderate: true, configure: false };
    expect(rightsOf({ id: 'w1', rights } as unknown as SpaceView)).toEqual(rights);
    expect(rightsOf({ id: 'w1' } as unknown as SpaceSummary)).toEqual(NO_SPACE_RIGHTS);
  });
});
