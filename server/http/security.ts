import helmet from 'helmet';
import type { RequestHandler } from 'express';
import { embedFrameSources } from '../../shared/wall/embeds';

/**
 * Security headers with a strict Content-Security-Policy: scripts only from our own origin, no inline script,
 * no plugins, and nobody frames Préau. Préau frames only the whitelisted embed providers of shared/wall/embeds.ts
 * and the school's PeerTube hosts (frame-src, https only, no wildcard: built from the same table the cards use).
 * Inline styles are allowed because Mantine sets CSS variables in a style element.
 * `upgrade-insecure-requests` is only sent behind TLS, or it would break plain-HTTP local use.
 */
export function securityHeaders(options: { behindTls: boolean; peertubeHosts: readonly string[] }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameSrc: embedFrameSources(options.peertubeHosts),
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        ...(options.behindTls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: options.behindTls ? { maxAge: 15552000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
}
