import { createTransport, type Transporter } from 'nodemailer';
import type { ServerContext } from '../../../context';
import type { ComposedEmail } from './compose';

const transports = new WeakMap<ServerContext, Transporter>();

/** The SMTP transport of this server (one per process), or null without SMTP_URL. */
function transportOf(ctx: ServerContext): Transporter | null {
  const smtp = ctx.config.smtp;
  if (!smtp) return null;
  let transport = transports.get(ctx);
  if (!transport) {
    transport = createTransport(smtp.url);
    transports.set(ctx, transport);
  }
  return transport;
}

/** The sender: SMTP_FROM, else Préau at the public origin's host. */
const senderOf = (ctx: ServerContext): string => ctx.config.smtp?.from ?? `Préau <preau@${new URL(ctx.origins.publicOrigin).hostname}>`;

/**
 * Sends one e-mail with its one-click unsubscribe (RFC 8058: `List-Unsubscribe` and `List-Unsubscribe-Post`).
 * Returns false without SMTP_URL.
 */
export async function sendEmail(ctx: ServerContext, to: string, email: ComposedEmail, unsubscribeUrl: string): Promise<boolean> {
  const transport = transportOf(ctx);
  if (!transport) return false;
  await transport.sendMail({
    from: senderOf(ctx),
    to,
    subject: email.subject,
    text: email.text,
    list: { unsubscribe: unsubscribeUrl },
    headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  });
  return true;
}
