import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.ts';
import type { OutgoingEmail } from '../../src/core/ports/stores/outbox.ts';
import { getMailboxMessage, listMailbox } from '../../src/db/repositories/mailbox-repository.ts';
import { createOutboxStore } from '../../src/db/repositories/outbox-repository.ts';
import { backoffMs } from '../../src/email/backoff.ts';
import { createEmailComposer } from '../../src/email/composer.tsx';
import { createMailTransport } from '../../src/email/transport.ts';
import { createOutboxWorker, type WorkerLogger } from '../../src/email/worker.ts';
import { testClock } from '../support/clock.ts';
import { createTestDatabase, primaryTestDialect, type TestDatabase } from '../support/database.ts';
import { startTestSmtp, type TestSmtp } from '../support/smtp.ts';

const quiet: WorkerLogger = { info: () => {}, warn: () => {}, error: () => {} };
const MAIL_FROM = 'Laurel <no-reply@laurel.test>';
const composer = createEmailComposer({ publicUrl: 'http://laurel.test' });
const dialect = primaryTestDialect();

function plain(n: number): OutgoingEmail {
  return {
    to: `person${n}@example.org`,
    subject: `Message ${n}`,
    html: `<p>Message ${n}</p>`,
    text: `Message ${n}`,
    kind: 'test.message',
  };
}

let dir: string;
let t: TestDatabase;
let smtp: TestSmtp;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-email-e2e-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  t = await createTestDatabase(dialect, dir);
  smtp = await startTestSmtp();
});
afterEach(async () => {
  await smtp.stop();
  await t.destroy();
});

function smtpWorker(clock: Clock = { now: () => new Date() }, url = smtp.url) {
  const transport = createMailTransport({ smtpUrl: url, mailFrom: MAIL_FROM, dataDir: dir });
  return createOutboxWorker({
    db: t.db,
    dialect,
    transport,
    clock,
    logger: quiet,
    pollIntervalMs: 50,
  });
}

describe(`email delivery (${dialect})`, () => {
  it('delivers a composed email through SMTP with an HTML and a text part', async () => {
    const worker = smtpWorker();
    worker.start();
    try {
      const id = await t.db.transaction().execute((trx) =>
        createOutboxStore(trx).enqueue(
          composer.verifyEmail({
            to: 'ada@example.org',
            firstName: 'Ada',
            link: '/verify-email?token=abc',
          }),
          new Date(),
        ),
      );
      worker.wake();
      const [m] = await smtp.waitFor((ms) => ms.length === 1);
      expect(m!.envelope).toEqual({
        mailFrom: 'no-reply@laurel.test',
        rcptTo: ['ada@example.org'],
      });
      expect(m!.to).toEqual(['ada@example.org']);
      expect(m!.from).toBe('no-reply@laurel.test');
      expect(m!.subject).toBe('Verify your email address');
      expect(m!.html).toContain('href="http://laurel.test/verify-email?token=abc"');
      expect(m!.html).toContain('Verify email address');
      expect(m!.text).toContain('http://laurel.test/verify-email?token=abc');
      expect(m!.text).toContain('expires in 24 hours');
      expect(m!.messageId).toBe(`<${id}@laurel.test>`);
      await expect.poll(async () => (await getMailboxMessage(t.db, id))?.status).toBe('sent');
      expect(await getMailboxMessage(t.db, id)).toMatchObject({
        attempts: 1,
        lastError: null,
        messageId: `<${id}@laurel.test>`,
      });
    } finally {
      await worker.stop();
    }
  });

  it('an SMTP outage (451) delays delivery but loses nothing', async () => {
    const clock = testClock();
    const worker = smtpWorker(clock);
    const store = createOutboxStore(t.db);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await store.enqueue(plain(i), clock.now()));

    smtp.setFailing(true);
    expect(await worker.runOnce()).toBe(5);
    expect(smtp.messages).toHaveLength(0);
    for (const id of ids) {
      const m = await getMailboxMessage(t.db, id);
      expect(m).toMatchObject({ status: 'queued', attempts: 1 });
      expect(m?.lastError).toContain('451');
    }

    smtp.setFailing(false);
    expect(await worker.runOnce()).toBe(0); // still backing off
    clock.advance(backoffMs(1));
    expect(await worker.runOnce()).toBe(5);
    expect(smtp.messages.map((m) => m.subject).sort()).toEqual(
      ids.map((_, i) => `Message ${i}`).sort(),
    );
    const rows = await listMailbox(t.db, { limit: 10, offset: 0 });
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 2)).toBe(true);
  });

  it('a server that is down (connection refused) delays delivery until it is back', async () => {
    const port = smtp.port;
    await smtp.stop();
    const clock = testClock();
    const worker = smtpWorker(clock, `smtp://127.0.0.1:${port}`);
    const id = await createOutboxStore(t.db).enqueue(plain(1), clock.now());
    expect(await worker.runOnce()).toBe(1);
    expect((await getMailboxMessage(t.db, id))?.lastError).toMatch(/ECONNREFUSED/);

    smtp = await startTestSmtp({ port });
    clock.advance(backoffMs(1));
    expect(await worker.runOnce()).toBe(1);
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Message 1']);
    expect(await getMailboxMessage(t.db, id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a worker process killed after the commit and during the send: every message is still delivered, once', async () => {
    // The child commits two emails, claims one with a 1 s lease, and hangs in the send until killed.
    const child = runChild(`
      const store = createOutboxStore(db);
      await db.transaction().execute(async (trx) => {
        await createOutboxStore(trx).enqueue({ to: 'a@example.org', subject: 'First', html: '<p>1</p>', text: '1', kind: 'test' }, new Date());
        await createOutboxStore(trx).enqueue({ to: 'b@example.org', subject: 'Second', html: '<p>2</p>', text: '2', kind: 'test' }, new Date(Date.now() + 1));
      });
      void store;
      const hang = { kind: 'smtp', send: () => { console.log('sending'); return new Promise(() => {}); }, close() {} };
      const worker = createOutboxWorker({ db, dialect, transport: hang, clock: { now: () => new Date() }, logger: quiet, leaseMs: 1000, batchSize: 1 });
      await worker.runOnce();
    `);
    await child.waitForLine('sending');
    child.process.kill('SIGKILL');
    await child.exited;

    // Started after the child's claim, so moving it by the lease is past the lease for sure.
    const clock = testClock();
    const worker = smtpWorker(clock);
    // The unclaimed one goes out at once; the one the dead worker held, after its lease.
    expect(await worker.runOnce()).toBe(1);
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Second']);
    clock.advance(1_000);
    expect(await worker.runOnce()).toBe(1);
    expect(smtp.messages.map((m) => m.subject).sort()).toEqual(['First', 'Second']);
    const rows = await listMailbox(t.db, { limit: 10, offset: 0 });
    expect(rows.map((r) => [r.subject, r.status, r.attempts]).sort()).toEqual([
      ['First', 'sent', 2],
      ['Second', 'sent', 1],
    ]);
  });

  it('two worker processes on the same database never send a message twice', async () => {
    const store = createOutboxStore(t.db);
    for (let i = 0; i < 60; i++) await store.enqueue(plain(i), new Date());
    const work = `
      const transport = createMailTransport({ smtpUrl: ${JSON.stringify(smtp.url)}, mailFrom: 'Laurel <no-reply@laurel.test>', dataDir: os.tmpdir() });
      const worker = createOutboxWorker({ db, dialect, transport, clock: { now: () => new Date() }, logger: quiet, batchSize: 3 });
      let n = 0;
      for (let k = await worker.runOnce(); k > 0; k = await worker.runOnce()) n += k;
      console.log('handled ' + n);
    `;
    const children = [runChild(work), runChild(work)];
    const codes = await Promise.all(children.map((c) => c.exited));
    expect(codes).toEqual([0, 0]);
    const handled = children.map((c) => Number(/handled (\d+)/.exec(c.output())?.[1]));
    expect(handled[0]! + handled[1]!).toBe(60);
    expect(smtp.messages).toHaveLength(60);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(60);
    const rows = await listMailbox(t.db, { limit: 100, offset: 0 });
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('names and subjects cannot inject headers or recipients', async () => {
    const transport = createMailTransport({
      smtpUrl: smtp.url,
      mailFrom: '"Laurel\r\nBcc: evil@x" <no-reply@laurel.test>',
      dataDir: dir,
    });
    const worker = createOutboxWorker({
      db: t.db,
      dialect,
      transport,
      clock: { now: () => new Date() },
      logger: quiet,
    });
    const store = createOutboxStore(t.db);
    await store.enqueue(
      composer.invitation({
        to: 'ada@example.org',
        organizationName: 'Acme\r\nX-Evil: 1',
        inviterName: 'Eve\r\nBcc: evil@x',
        role: 'admin',
        link: '/invitations/t',
      }),
      new Date(),
    );
    // Straight into the outbox, past the composer: the transport alone must still hold.
    await store.enqueue(
      { ...plain(2), to: 'bob@example.org', subject: 'Hi\r\nBcc: evil@x\nX-Evil: 1' },
      new Date(),
    );
    expect(await worker.runOnce()).toBe(2);
    expect(smtp.messages).toHaveLength(2);
    for (const m of smtp.messages) {
      expect(m.envelope.rcptTo).toHaveLength(1);
      expect(m.envelope.rcptTo[0]).not.toContain('evil');
      expect(m.headers.has('bcc')).toBe(false);
      expect(m.headers.has('x-evil')).toBe(false);
      expect(m.subject).not.toMatch(/[\r\n]/);
      const rawHead = m.raw.toString('utf8').split(/\r?\n\r?\n/)[0]!;
      expect(rawHead).not.toMatch(/^(bcc|x-evil):/im);
    }
    const [invite, direct] = [...smtp.messages].sort((a, b) => a.subject.localeCompare(b.subject));
    expect(invite!.subject).toBe('Eve Bcc: evil@x invited you to join Acme X-Evil: 1');
    expect(direct!.subject).toBe('Hi Bcc: evil@x X-Evil: 1');
  });

  it('without SMTP_URL writes each message as a parseable .eml in <dataDir>/mailbox and keeps it readable in the outbox', async () => {
    const dataDir = fs.mkdtempSync(path.join(dir, 'data-'));
    const transport = createMailTransport({ smtpUrl: undefined, mailFrom: MAIL_FROM, dataDir });
    const worker = createOutboxWorker({
      db: t.db,
      dialect,
      transport,
      clock: { now: () => new Date() },
      logger: quiet,
    });
    const composed = composer.resetPassword({
      to: 'ada@example.org',
      firstName: 'Ada',
      link: '/reset-password?token=xyz',
    });
    const id = await createOutboxStore(t.db).enqueue(composed, new Date());
    expect(await worker.runOnce()).toBe(1);

    const parsed = await simpleParser(fs.readFileSync(path.join(dataDir, 'mailbox', `${id}.eml`)));
    expect(parsed.subject).toBe('Reset your Laurel password');
    expect(parsed.html).toContain('http://laurel.test/reset-password?token=xyz');
    expect(parsed.text).toContain('expires in 1 hour');
    expect(parsed.messageId).toBe(`<${id}@laurel.test>`);

    const [entry] = await listMailbox(t.db, { limit: 10, offset: 0, to: 'ada@example.org' });
    expect(entry).toMatchObject({
      id,
      subject: 'Reset your Laurel password',
      kind: 'account.reset_password',
      status: 'sent',
      attempts: 1,
    });
    expect(await getMailboxMessage(t.db, id)).toMatchObject({
      html: composed.html,
      text: composed.text,
    });
  });
});

interface Child {
  process: ChildProcess;
  /** What it printed so far. */
  output(): string;
  exited: Promise<number | null>;
  waitForLine(line: string): Promise<void>;
}

/** Runs `body` in a separate Node process (tsx), with `db`, `dialect`, the email modules and `quiet` in scope. */
function runChild(body: string): Child {
  const mod = (p: string) => JSON.stringify(pathToFileURL(path.resolve(p)).href);
  const config =
    t.dialect === 'sqlite'
      ? { dialect: 'sqlite', file: t.url.slice('sqlite:'.length) }
      : { dialect: 'postgres', url: t.url };
  const script = `
    import os from 'node:os';
    const { openDatabase } = await import(${mod('src/db/database.ts')});
    const { createOutboxStore } = await import(${mod('src/db/repositories/outbox-repository.ts')});
    const { createOutboxWorker } = await import(${mod('src/email/worker.ts')});
    const { createMailTransport } = await import(${mod('src/email/transport.ts')});
    const quiet = { info() {}, warn() {}, error() {} };
    const { db, dialect } = openDatabase(${JSON.stringify(config)});
    ${body}
    await db.destroy();
  `;
  const proc = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: Array<{ line: string; resolve: () => void }> = [];
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const w of waiters) if (out.split('\n').includes(w.line)) w.resolve();
  });
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) =>
    proc.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(`child exited ${code}:\n${err}`);
      resolve(code);
    }),
  );
  return {
    process: proc,
    output: () => out,
    exited,
    waitForLine: (line) =>
      new Promise<void>((resolve, reject) => {
        if (out.split('\n').includes(line)) return resolve();
        waiters.push({ line, resolve });
        void exited.then(() =>
          reject(new Error(`child exited before printing "${line}":\n${err}`)),
        );
      }),
  };
}
