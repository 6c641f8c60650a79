import { describe, expect, it } from 'vitest';
import { WALL_LINK_MAX } from './limits';
import { normalizeLink } from './link';
import { CardContentSchema, CreateCardSchema } from './types';

const create = (link: string) => CreateCardSchema.safeParse({ spaceId: 'w1', title: 'Un lien', link });

describe('card links: bare domains are taken as https, other schemes and non-domains are refused', () => {
  it('takes a bare domain as https, with its path, query and port', () => {
    expect(normalizeLink('oiseaux.net')).toBe('https://oiseaux.net');
    expect(normalizeLink('  www.lpo.fr/oiseaux/mesange?page=2#photos ')).toBe('https://www.lpo.fr/oiseaux/mesange?page=2#photos');
    expect(normalizeLink('école-des-lilas.fr')).toBe('https://école-des-lilas.fr');
    expect(normalizeLink('oiseaux.net:8080/nid')).toBe('https://oiseaux.net:8080/nid');
  });

  it('keeps http and https addresses as typed', () => {
    expect(normalizeLink('https://oiseaux.net/mesange')).toBe('https://oiseaux.net/mesange');
    expect(normalizeLink('http://oiseaux.net')).toBe('http://oiseaux.net');
  });

  it('refuses other schemes and what is not a domain', () => {
    for (const typed of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'mailto:lea@oiseaux.net',
      'ftp://oiseaux.net',
      '//oiseaux.net',
      'oiseaux',
      'localhost',
      '192.168.1.1',
      'oiseaux.n',
      'les oiseaux.net',
      '-oiseaux.net',
      'oiseaux..net',
      'https://',
      '',
      `${'a'.repeat(WALL_LINK_MAX)}.net`,
    ]) {
      expect(normalizeLink(typed), typed).toBeNull();
    }
  });

  it('the card schemas store what normalizeLink gives, and refuse what it refuses', () => {
    expect(create('oiseaux.net')).toMatchObject({ success: true, data: { link: 'https://oiseaux.net' } });
    expect(create('https://oiseaux.net/a')).toMatchObject({ success: true, data: { link: 'https://oiseaux.net/a' } });
    expect(create('javascript:alert(1)').success).toBe(false);
    expect(create('data:text/html,x').success).toBe(false);
    expect(create('oiseaux').success).toBe(false);
    expect(CardContentSchema.partial().safeParse({ link: 'lpo.fr' })).toMatchObject({ success: true, data: { link: 'https://lpo.fr' } });
    expect(CardContentSchema.partial().safeParse({ link: 'javascript:void(0)' }).success).toBe(false);
  });
});
