import { Skeleton } from '@mantine/core';
import { toString as qrSvg } from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * A QR code drawn in the browser (the link never leaves the page), as an SVG image: sharp when printed, readable by
 * a tablet's camera at arm's length.
 */
export function QrCode({ value, label, size = 180, testId }: { value: string; label: string; size?: number; testId?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    qrSvg(value, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
      .then((svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [value]);
  if (!src) return <Skeleton width={size} height={size} />;
  return <img src={src} alt={label} width={size} height={size} data-testid={testId} style={{ display: 'block', background: 'white' }} />;
}
