import { describe, expect, it } from 'vitest';
import { parseRange } from './download';
import { sniffType } from './sniff';

/** The first bytes of a WebM file as MediaRecorder writes them: an EBML header whose doctype is `webm`, then codecs. */
const webm = (...codecs: string[]) =>
  Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84]), Buffer.from('webm'), ...codecs.map((codec) => Buffer.from(codec)), Buffer.alloc(200, 1)]);
const webmAudio = () => webm('A_OPUS');
const webmVideo = () => webm('V_VP8', 'A_OPUS');

/** An ISO box: size, type, payload. */
const box = (type: string, payload: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
};
const ftyp = (brand: string) => box('ftyp', Buffer.concat([Buffer.from(brand), Buffer.alloc(4), Buffer.from(`${brand}isom`)]));
const hdlr = (handler: string) => box('hdlr', Buffer.concat([Buffer.alloc(8), Buffer.from(handler), Buffer.alloc(12)]));

describe('sound and video sniffing (by the bytes, never the name)', () => {
  it('tells a WebM sound from a WebM video by its tracks', () => {
    expect(sniffType(webmAudio())).toMatchObject({ kind: 'audio', mime: 'audio/webm', ext: 'webm' });
    expect(sniffType(webmVideo())).toMatchObject({ kind: 'video', mime: 'video/webm', ext: 'webm' });
    // EBML that is not WebM (a Matroska file, or nothing) is refused.
    expect(sniffType(Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x42, 0x82, 0x88]), Buffer.from('matroska'), Buffer.alloc(100)]))).toBeNull();
  });

  it('Ogg: Opus or Vorbis is a sound, Theora a video', () => {
    expect(sniffType(Buffer.concat([Buffer.from('OggS'), Buffer.alloc(24), Buffer.from('OpusHead'), Buffer.alloc(40)]))).toMatchObject({ kind: 'audio', mime: 'audio/ogg' });
    expect(sniffType(Buffer.concat([Buffer.from('OggS'), Buffer.alloc(24), Buffer.from([0x80]), Buffer.from('theora'), Buffer.alloc(40)]))).toMatchObject({ kind: 'video', mime: 'video/ogg' });
  });

  it('MP4: a video handler makes a video (wherever the moov box is), else an M4A sound', () => {
    expect(sniffType(Buffer.concat([ftyp('M4A '), box('mdat', Buffer.alloc(64)), box('moov', hdlr('soun'))]))).toMatchObject({ kind: 'audio', mime: 'audio/mp4', ext: 'm4a' });
    expect(sniffType(Buffer.concat([ftyp('isom'), box('mdat', Buffer.alloc(64)), box('moov', Buffer.concat([hdlr('soun'), hdlr('vide')]))]))).toMatchObject({ kind: 'video', mime: 'video/mp4', ext: 'mp4' });
  });

  it('refuses scripts and pages named like media', () => {
    expect(sniffType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(sniffType(Buffer.from('ID3\x03\x00'))).toBeNull();
  });
});

describe('byte ranges (players seek)', () => {
  it('reads one range, clamped to the file', () => {
    expect(parseRange(undefined, 1000)).toBeNull();
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=500-5000', 1000)).toEqual({ start: 500, end: 999 });
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=20-10', 1000)).toBe('unsatisfiable');
    // Several ranges, or another unit: the whole file.
    expect(parseRange('bytes=0-1,5-6', 1000)).toBeNull();
    expect(parseRange('items=0-1', 1000)).toBeNull();
  });
});
