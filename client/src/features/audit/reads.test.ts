import { describe, expect, it } from 'vitest';
import { describeRead } from './reads';

describe('what a read of the log looked at', () => {
  it('reads the filters of a console read', () => {
    expect(describeRead('{"classId":"c1","event":"auth.login","page":1,"pageSize":50,"from":1700000000000}')).toEqual({
      rows: null,
      filters: { classId: 'c1', event: 'auth.login', from: '1700000000000' },
    });
  });

  it('reads the row count and filters of an export', () => {
    expect(describeRead('12 rows {"actor":"u1"}')).toEqual({ rows: 12, filters: { actor: 'u1' } });
    expect(describeRead('0 rows {}')).toEqual({ rows: 0, filters: {} });
  });

  it('gives nothing for other reasons, broken JSON or none', () => {
    for (const reason of [null, '', 'page 1', 'readers of the log and the evidence', '3 rows {"classId":', '{"classId":{"$ne":null}}']) {
      expect(describeRead(reason).filters).toEqual({});
    }
    expect(describeRead('page 1').rows).toBeNull();
  });
});
