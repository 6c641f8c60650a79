import { describe, expect, it } from 'vitest';
import { embedFrameSources, embedOf, parseEmbedHosts, type EmbedOptions } from './embeds';

const options: EmbedOptions = { peertubeHosts: ['tube.ac-lyon.fr'], preauOrigin: 'https://preau.ecole.fr' };
const srcOf = (link: string) => {
  const embed = embedOf(link, options);
  return embed?.kind === 'frame' ? embed.src : embed;
};

describe('embedOf: YouTube', () => {
  it('frames every form of a video link in the no-cookie player, start time kept', () => {
    expect(srcOf('https://www.youtube.com/watch?v=dQw4w9WgXcQ')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    expect(srcOf('https://youtube.com/watch?v=dQw4w9WgXcQ&t=90')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90');
    expect(srcOf('https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    expect(srcOf('https://youtu.be/dQw4w9WgXcQ?t=1m30s')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90');
    expect(srcOf('https://www.youtube.com/shorts/dQw4w9WgXcQ')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    expect(srcOf('https://www.youtube.com/embed/dQw4w9WgXcQ?start=12')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=12');
    expect(embedOf('https://youtu.be/dQw4w9WgXcQ', options)).toEqual({ kind: 'frame', provider: 'youtube', src: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', frameHost: 'www.youtube-nocookie.com' });
  });

  it('frames an http link over https, and drops a start time that is not one', () => {
    expect(srcOf('http://www.youtube.com/watch?v=dQw4w9WgXcQ')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    expect(srcOf('https://youtu.be/dQw4w9WgXcQ?t=abc"onload')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
  });

  it('refuses ids with bad characters or the wrong length, and other YouTube pages', () => {
    expect(embedOf('https://www.youtube.com/watch?v=dQw4w9WgX"><script>', options)).toBeNull();
    expect(embedOf('https://www.youtube.com/watch?v=dQw4w9WgXc%22', options)).toBeNull();
    expect(embedOf('https://www.youtube.com/watch?v=short', options)).toBeNull();
    expect(embedOf('https://youtu.be/dQw4w9WgXcQ/extra', options)).toBeNull();
    expect(embedOf('https://www.youtube.com/@chaine', options)).toBeNull();
    expect(embedOf('https://www.youtube.com/redirect?q=https://evil.fr', options)).toBeNull();
  });
});

describe('embedOf: hosts that only look like a provider', () => {
  it('compares the whole host, never a part of the address', () => {
    for (const link of [
      'https://youtube.com.evil.fr/watch?v=dQw4w9WgXcQ',
      'https://evil.fr/?u=youtube.com/watch?v=dQw4w9WgXcQ',
      'https://evil.fr/youtu.be/dQw4w9WgXcQ',
      'https://notyoutube.com/watch?v=dQw4w9WgXcQ',
      'https://www.youtube.com@evil.fr/watch?v=dQw4w9WgXcQ',
      'https://user:pass@www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ',
      'https://vimeo.com.evil.fr/76979871',
      'https://learningapps.org.evil.fr/watch?v=p1xk7q3ut20',
      'https://evil-digipad.app/p/12345/abcdef12',
      'javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ',
      'ftp://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'pas une adresse',
    ]) {
      expect(embedOf(link, options), link).toBeNull();
    }
  });
});

describe('embedOf: Vimeo', () => {
  it('frames a video, an unlisted video with its key, a channel video and the player itself', () => {
    expect(srcOf('https://vimeo.com/76979871')).toBe('https://player.vimeo.com/video/76979871');
    expect(srcOf('https://vimeo.com/76979871/0a1b2c3d4e')).toBe('https://player.vimeo.com/video/76979871?h=0a1b2c3d4e');
    expect(srcOf('https://vimeo.com/channels/staffpicks/76979871')).toBe('https://player.vimeo.com/video/76979871');
    expect(srcOf('https://player.vimeo.com/video/76979871?h=0a1b2c3d4e')).toBe('https://player.vimeo.com/video/76979871?h=0a1b2c3d4e');
  });

  it('refuses ids and keys with bad characters', () => {
    expect(embedOf('https://vimeo.com/7697abc', options)).toBeNull();
    expect(embedOf('https://vimeo.com/76979871/zz"x', options)).toBeNull();
    expect(embedOf('https://player.vimeo.com/video/76979871?h=<b>', options)).toBeNull();
    expect(embedOf('https://vimeo.com/about', options)).toBeNull();
  });
});

describe('embedOf: PeerTube', () => {
  it('frames a video of an instance the school allows, by its short or long id', () => {
    expect(srcOf('https://tube.ac-lyon.fr/w/9c9de5e8-0a1e-484a-b099-e80766180a6d')).toBe('https://tube.ac-lyon.fr/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d');
    expect(srcOf('https://tube.ac-lyon.fr/w/kkGMgK9ZtnKfYAgnEtQxbv')).toBe('https://tube.ac-lyon.fr/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv');
    expect(srcOf('https://tube.ac-lyon.fr/videos/watch/9c9de5e8-0a1e-484a-b099-e80766180a6d?start=1m')).toBe('https://tube.ac-lyon.fr/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d?start=60s');
    expect(embedOf('https://tube.ac-lyon.fr/w/kkGMgK9ZtnKfYAgnEtQxbv', options)).toMatchObject({ provider: 'peertube', frameHost: 'tube.ac-lyon.fr' });
  });

  it('leaves a PeerTube link of an instance the school does not allow as a plain link', () => {
    expect(embedOf('https://peertube.evil.fr/w/kkGMgK9ZtnKfYAgnEtQxbv', options)).toBeNull();
    expect(embedOf('https://tube.ac-lyon.fr.evil.fr/w/kkGMgK9ZtnKfYAgnEtQxbv', options)).toBeNull();
    expect(embedOf('https://tube.ac-lyon.fr/w/kkGMgK9ZtnKfYAgnEtQxbv', { peertubeHosts: [] })).toBeNull();
  });

  it('refuses ids with bad characters and other pages of the instance', () => {
    expect(embedOf('https://tube.ac-lyon.fr/w/kkGMgK9Ztn0OIlYAgnEtQx', options)).toBeNull();
    expect(embedOf('https://tube.ac-lyon.fr/videos/watch/not-a-uuid', options)).toBeNull();
    expect(embedOf('https://tube.ac-lyon.fr/w/p/kkGMgK9ZtnKfYAgnEtQxbv', options)).toBeNull();
    expect(embedOf('https://tube.ac-lyon.fr/a/chaine', options)).toBeNull();
  });
});

describe('embedOf: LearningApps and Digipad', () => {
  it('frames a LearningApps exercise by its code or its number', () => {
    expect(srcOf('https://learningapps.org/watch?v=p1xk7q3ut20')).toBe('https://learningapps.org/watch?v=p1xk7q3ut20');
    expect(srcOf('https://learningapps.org/display?v=p1xk7q3ut20')).toBe('https://learningapps.org/watch?v=p1xk7q3ut20');
    expect(srcOf('https://learningapps.org/1234567')).toBe('https://learningapps.org/watch?app=1234567');
    expect(srcOf('https://www.learningapps.org/watch?app=1234567')).toBe('https://learningapps.org/watch?app=1234567');
    expect(embedOf('https://learningapps.org/watch?v=p1x%26k', options)).toBeNull();
    expect(embedOf('https://learningapps.org/index.php?category=0', options)).toBeNull();
  });

  it('frames a Digipad pad by its number and key', () => {
    expect(srcOf('https://digipad.app/p/123456/8a7f3c2e1d9b0')).toBe('https://digipad.app/p/123456/8a7f3c2e1d9b0');
    expect(embedOf('https://digipad.app/p/123456/8a7f3c2e1d9b0', options)).toMatchObject({ provider: 'digipad', frameHost: 'digipad.app' });
    expect(embedOf('https://digipad.app/p/12a/8a7f3c2e1d9b0', options)).toBeNull();
    expect(embedOf('https://digipad.app/p/123456/8a7f-3c2e', options)).toBeNull();
    expect(embedOf('https://digipad.app/u/enseignant', options)).toBeNull();
  });
});

describe('embedOf: a wall of this Préau', () => {
  it('recognises a link to a wall or its print view on this Préau only', () => {
    expect(embedOf('https://preau.ecole.fr/murs/6571a2b3c4d5e6f7a8b9c0d1e2f3a4b5', options)).toEqual({ kind: 'wall', spaceId: '6571a2b3c4d5e6f7a8b9c0d1e2f3a4b5' });
    expect(embedOf('https://preau.ecole.fr/murs/6571a2b3/impression', options)).toEqual({ kind: 'wall', spaceId: '6571a2b3' });
    expect(embedOf('https://preau.autre-ecole.fr/murs/6571a2b3', options)).toBeNull();
    expect(embedOf('http://preau.ecole.fr/murs/6571a2b3', options)).toBeNull();
    expect(embedOf('https://preau.ecole.fr/murs/6571%22a2b3', options)).toBeNull();
    expect(embedOf('https://preau.ecole.fr/forums/6571a2b3', options)).toBeNull();
    expect(embedOf('https://preau.ecole.fr/murs/6571a2b3', { peertubeHosts: [] })).toBeNull();
  });
});

describe('embedFrameSources and parseEmbedHosts', () => {
  it('lists exactly the fixed providers and the allowed PeerTube hosts, https only, no wildcard', () => {
    expect(embedFrameSources([])).toEqual(['https://www.youtube-nocookie.com', 'https://player.vimeo.com', 'https://learningapps.org', 'https://digipad.app']);
    expect(embedFrameSources(['tube.ac-lyon.fr', '*.evil.fr'])).toEqual([
      'https://www.youtube-nocookie.com',
      'https://player.vimeo.com',
      'https://learningapps.org',
      'https://digipad.app',
      'https://tube.ac-lyon.fr',
    ]);
  });

  it('reads a comma list of host names and refuses anything else', () => {
    expect(parseEmbedHosts('')).toEqual({ ok: true, hosts: [] });
    expect(parseEmbedHosts(' Tube.AC-Lyon.fr , peertube.fr,tube.ac-lyon.fr ')).toEqual({ ok: true, hosts: ['tube.ac-lyon.fr', 'peertube.fr'] });
    for (const bad of ['https://peertube.fr', '*.peertube.fr', 'peertube.fr:8443', 'peertube.fr/videos', 'localhost', "peertube.fr 'unsafe-inline'"]) {
      expect(parseEmbedHosts(`tube.ac-lyon.fr,${bad}`)).toEqual({ ok: false, bad: bad.toLowerCase() });
    }
  });
});
