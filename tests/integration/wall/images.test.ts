import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { exifBlock, hasGps, jpegWithGps, png } from '../../fixtures/wall/images';
import { processImage } from '../../../server/features/blobs/images';
import { safeFileName, sniffType } from '../../../server/features/blobs/sniff';

describe('image processing', () => {
  it('the fixture really carries GPS EXIF', async () => {
    const jpeg = await jpegWithGps();
    expect(hasGps(jpeg)).toBe(true);
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
  });

  it('strips every EXIF block (GPS included) and makes a WebP thumbnail', async () => {
    const jpeg = await jpegWithGps();
    const type = sniffType(jpeg);
    expect(type?.kind).toBe('image');
    const out = await processImage(jpeg, type as Extract<NonNullable<typeof type>, { kind: 'image' }>);
    expect(hasGps(out.data)).toBe(false);
    expect(exifBlock(out.data)).toBeNull();
    const meta = await sharp(out.data).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.format).toBe('jpeg');
    expect([out.width, out.height]).toEqual([640, 480]);
    const thumb = await sharp(out.thumb).metadata();
    expect(thumb.format).toBe('webp');
    expect(Math.max(thumb.width ?? 0, thumb.height ?? 0)).toBeLessThanOrEqual(480);
  });

  it('applies the EXIF orientation to the pixels before dropping it', async () => {
    const rotated = await sharp({ create: { width: 60, height: 20, channels: 3, background: '#fff' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(rotated).metadata()).orientation).toBe(6);
    const out = await processImage(rotated, { kind: 'image', format: 'jpeg', mime: 'image/jpeg', ext: 'jpg' });
    expect([out.width, out.height]).toEqual([20, 60]);
  });

  it('refuses bytes that are not the image they claim to be', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('<script>alert(1)</script>')]);
    await expect(processImage(fake, { kind: 'image', format: 'jpeg', mime: 'image/jpeg', ext: 'jpg' })).rejects.toThrow(/cannot be/);
  });
});

describe('type sniffing', () => {
  it('recognises the whitelisted types by their first bytes only', async () => {
    expect(sniffType(await png())?.format).toBe('png');
    expect(sniffType(await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).webp().toBuffer())?.format).toBe('webp');
    expect(sniffType(await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer())?.format).toBe('gif');
    expect(sniffType(Buffer.from('%PDF-1.4\n%…'))?.kind).toBe('pdf');
    expect(sniffType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffType(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(sniffType(Buffer.from('MZ\x90\x00'))).toBeNull();
  });

  it('makes file names safe', () => {
    expect(safeFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(safeFileName('C:\\Users\\x\\photo de classe.JPG', 'jpg')).toBe('photo de classe.jpg');
    expect(safeFileName('a"b<c>\r\n.png', 'png')).toBe('abc.png');
    expect(safeFileName(undefined, 'png')).toBe('fichier.png');
  });
});
