import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eventually } from './eventually.ts';

/** One message as the receiving SMTP server got it. */
export interface ReceivedEmail {
  to: string[];
  from: string;
  subject: string;
  html: string;
  text: string;
  headers: Map<string, unknown>;
  messageId: string;
  /** What the client said in the SMTP conversation: who really receives the message. */
  envelope: { mailFrom: string; rcptTo: string[] };
  raw: Buffer;
}

export interface TestSmtp {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  port: number;
  /** Everything received so far, in order. */
  messages: ReceivedEmail[];
  /** Resolves with `messages` once `predicate` holds; fails the test after `timeoutMs`. */
  waitFor(
    predicate: (messages: readonly ReceivedEmail[]) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedEmail[]>;
  /** While true every message is refused with a temporary 451 (an outage the sender must retry). */
  setFailing(failing: boolean): void;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on loopback, so tests exercise nodemailer's actual SMTP conversation.
 * `port` lets a test bring the server back where the worker expects it after an outage.
 */
export async function startTestSmtp(opts: { port?: number } = {}): Promise<TestSmtp> {
  const messages: ReceivedEmail[] = [];
  let failing = false;
  const server = new SMTPServer({
    authOptional: true,
    // No STARTTLS: nodemailer would upgrade and then reject the built-in self-signed certificate.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (!failing) return callback();
      const err: Error & { responseCode?: number } = new Error('Try again later (test outage)');
      err.responseCode = 451;
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            messages.push({
              to: addresses(mail.to),
              from: addresses(mail.from)[0] ?? '',
              subject: mail.subject ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              text: mail.text ?? '',
              headers: mail.headers,
              messageId: mail.messageId ?? '',
              envelope: {
                mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                rcptTo: session.envelope.rcptTo.map((r) => r.address),
              },
              raw,
            });
            callback();
          })
          .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    async waitFor(predicate, timeoutMs = 10_000) {
      // Polls who got what, so a timeout lists the messages by recipient and subject.
      await eventually(
        () => messages.map(({ to, subject }) => ({ to, subject })),
        () => predicate(messages),
        { timeout: timeoutMs, message: 'SMTP: the awaited mail has not arrived' },
      );
      return messages;
    },
    setFailing(value) {
      failing = value;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (!field) return [];
  const list = Array.isArray(field) ? field : [field];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}

/** The first message to `email` with exactly `subject`, once it has arrived. */
export async function waitForMail(
  smtp: TestSmtp,
  email: string,
  subject: string,
): Promise<ReceivedEmail> {
  await smtp.waitFor((all) => all.some((m) => m.to.includes(email) && m.subject === subject));
  return smtp.messages.find((m) => m.to.includes(email) && m.subject === subject)!;
}
