import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, envSchema } from '../../../server/config/schema';
import { ROOT } from '../../helpers/server';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService> };

describe('docker-compose.yml (no Docker engine here, so it is checked statically)', () => {
  it('has MongoDB as a replica set, Redis and the app, each with a healthcheck', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'mongo', 'redis']);
    for (const service of Object.values(compose.services)) expect(service.healthcheck?.test.length).toBeGreaterThan(0);
    expect(compose.services.mongo?.command).toContain('--replSet');
    expect(compose.services.mongo?.healthcheck?.test.join(' ')).toContain('rs.initiate');
    expect(compose.services.app?.depends_on).toEqual({
      mongo: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
  });

  it('sets only variables that the config schema knows, with values it accepts', () => {
    const environment = compose.services.app?.environment ?? {};
    for (const name of Object.keys(environment)) expect(ENV_VARIABLES).toContain(name);
    expect(() => envSchema.parse(environment)).not.toThrow();
    expect(environment.MONGODB_URI).toContain('replicaSet=rs0');
  });

  it('documents every variable of the schema in .env.example', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    for (const name of ENV_VARIABLES) expect(example).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
  });
});
