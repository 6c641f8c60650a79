import { expect, it } from 'vitest';
import { useTestCluster } from '../../helpers/cluster';
import { demoAccounts } from '../../helpers/demo';
import { PERSONA_LOGINS } from '../../helpers/personas';
import { describeRedis } from '../../helpers/redis';
import { signedIn } from '../../helpers/sockets';

/**
 * Two nodes started at once on an empty store seed the demo school once: one of them claims the seed (an atomic
 * upsert of the seed marker in the store) and runs it, the other waits for it and starts on the seeded store.
 */
describeRedis('two nodes starting together on an empty store', () => {
  const cluster = useTestCluster({ nodes: 2, together: true });

  it('seed the demo school once: one node seeds, each demo account exists once', async () => {
    const { nodes } = cluster();
    const seeded = nodes.filter((node) => node.output().includes('"demo school seeded"'));
    const waited = nodes.filter((node) => node.output().includes('another process is seeding the store'));
    expect(seeded, nodes.map((node) => node.output()).join('\n---\n').slice(-4000)).toHaveLength(1);
    expect(waited).toHaveLength(1);

    // Through the API of the node that did not seed: every demo login once, and one import event for the seed.
    const other = nodes.find((node) => node !== seeded[0])!;
    const director = await signedIn(other, PERSONA_LOGINS.director);
    const logins: string[] = [];
    for (let page = 1; ; page += 1) {
      const answer = await director.get<{ items: { login: string }[]; total: number }>(`/api/admin/users?pageSize=100&page=${page}`);
      expect(answer.status).toBe(200);
      logins.push(...answer.body.items.map((user) => user.login));
      if (answer.body.items.length === 0 || logins.length >= answer.body.total) break;
    }
    const expected = demoAccounts(other.dataDir).map((account) => account.login);
    expect(expected.length).toBeGreaterThan(5);
    for (const login of expected) expect(logins.filter((each) => each === login), login).toHaveLength(1);
    expect(logins.length).toBe(expected.length);
    const imports = await director.get<{ total: number }>('/api/audit?event=user.imported');
    expect(imports.status).toBe(200);
    expect(imports.body.total).toBe(1);
  });
});
