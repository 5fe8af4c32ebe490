import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import { headerSafe, isSingleAddress } from './header-safe.ts';

/** One outbox message on its way out; `id` is the outbox id and becomes the Message-ID. */
export interface OutboundEmail {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface MailTransport {
  /** `smtp` when SMTP_URL is set; `mailbox` writes .eml files under <dataDir>/mailbox/. */
  readonly kind: 'smtp' | 'mailbox';
  send(email: OutboundEmail): Promise<{ messageId: string; location?: string }>;
  close(): void;
}

export interface MailTransportConfig {
  smtpUrl: string | undefined;
  mailFrom: string;
  dataDir: string;
}

/** Retrying cannot help (a malformed recipient): the worker marks the message failed at once. */
export class PermanentEmailError extends Error {
  override name = 'PermanentEmailError';
}

/**
 * SMTP timeouts (overridable in SMTP_URL's query) stay well under the worker's lease (5 minutes by default): a send that hangs
 * must fail before another worker may take the message over, or it could go out twice.
 */
const SMTP_TIMEOUTS = {
  connectionTimeout: 30_000,
  greetingTimeout: 30_000,
  socketTimeout: 60_000,
  dnsTimeout: 30_000,
};

export function createMailTransport(config: MailTransportConfig): MailTransport {
  const from = parseFrom(config.mailFrom);
  if (config.smtpUrl) {
    const smtp = nodemailer.createTransport({ ...SMTP_TIMEOUTS, url: config.smtpUrl });
    return {
      kind: 'smtp',
      async send(email) {
        const info = await smtp.sendMail(mailOptions(email, from));
        return { messageId: info.messageId };
      },
      close: () => smtp.close(),
    };
  }
  const mailbox = path.join(config.dataDir, 'mailbox');
  const builder = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    kind: 'mailbox',
    async send(email) {
      const info = await builder.sendMail(mailOptions(email, from));
      const raw = info.message;
      if (!Buffer.isBuffer(raw))
        throw new Error('nodemailer did not build the message into a buffer');
      await fs.mkdir(mailbox, { recursive: true });
      // One file per outbox id, written then renamed: a retry overwrites, a reader never sees half a file.
      const file = path.join(mailbox, `${email.id}.eml`);
      const partial = `${file}.${process.pid}.tmp`;
      await fs.writeFile(partial, raw);
      await fs.rename(partial, file);
      return { messageId: info.messageId, location: file };
    },
    close: () => builder.close(),
  };
}

interface Sender {
  name: string;
  address: string;
  domain: string;
}

function parseFrom(mailFrom: string): Sender {
  const first = addressparser(mailFrom, { flatten: true })[0];
  const address = first?.address ?? '';
  if (!first || !isSingleAddress(address))
    throw new Error(`MAIL_FROM is not an email address: ${mailFrom}`);
  return {
    name: headerSafe(first.name, 100),
    address,
    domain: address.slice(address.lastIndexOf('@') + 1),
  };
}

function mailOptions(email: OutboundEmail, from: Sender) {
  // Addresses go in as objects so nodemailer never reparses a string as a list of recipients.
  if (!isSingleAddress(email.to))
    throw new PermanentEmailError('The recipient is not a single valid email address.');
  const to = { name: '', address: email.to };
  return {
    from: { name: from.name, address: from.address },
    to,
    envelope: { from: from.address, to: email.to },
    subject: headerSafe(email.subject),
    html: email.html,
    text: email.text,
    // The same Message-ID on every attempt lets a receiving server drop a duplicate.
    messageId: `<${email.id}@${from.domain}>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
