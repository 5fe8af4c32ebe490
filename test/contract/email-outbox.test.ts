import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingEmail } from '../../src/core/ports/stores/outbox.ts';
import { openDatabase, type Db } from '../../src/db/database.ts';
import {
  countMailbox,
  getMailboxMessage,
  listMailbox,
} from '../../src/db/repositories/mailbox-repository.ts';
import {
  claimDueEmails,
  markEmailRetry,
  markEmailSent,
} from '../../src/db/repositories/outbox-delivery-repository.ts';
import { createOutboxStore } from '../../src/db/repositories/outbox-repository.ts';
import { backoffMs } from '../../src/email/backoff.ts';
import {
  createMailTransport,
  type MailTransport,
  type OutboundEmail,
} from '../../src/email/transport.ts';
import { createOutboxWorker, type WorkerLogger } from '../../src/email/worker.ts';
import { testClock } from '../support/clock.ts';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/database.ts';
import { startTestSmtp, type TestSmtp } from '../support/smtp.ts';

const quiet: WorkerLogger = { info: () => {}, warn: () => {}, error: () => {} };
const T0 = new Date('2026-11-25T12:00:00.000Z');

function email(n: number, to = `person${n}@example.org`): OutgoingEmail {
  return {
    to,
    subject: `Message ${n}`,
    html: `<p>Message ${n}</p>`,
    text: `Message ${n}`,
    kind: 'test.message',
  };
}

/** A transport that records sends and fails while `failWith` is set. */
function recordingTransport(): MailTransport & { sent: OutboundEmail[]; failWith: string | null } {
  const t = {
    kind: 'mailbox' as const,
    sent: [] as OutboundEmail[],
    failWith: null as string | null,
    send(e: OutboundEmail) {
      if (t.failWith) return Promise.reject(new Error(t.failWith));
      t.sent.push(e);
      return Promise.resolve({ messageId: `<${e.id}@test>` });
    },
    close() {},
  };
  return t;
}

/** A second connection to the same database, as another worker process would have. */
function connect(t: TestDatabase): Db {
  if (t.dialect === 'sqlite')
    return openDatabase({ dialect: 'sqlite', file: t.url.slice('sqlite:'.length) }).db;
  return openDatabase({ dialect: 'postgres', url: t.url }).db;
}

describe.each(testDialects())('email outbox on %s', (dialect) => {
  let dir: string;
  let t: TestDatabase;
  let db: Db;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laurel-outbox-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    t = await createTestDatabase(dialect, dir);
    db = t.db;
  });
  afterEach(async () => {
    await t.destroy();
  });

  describe('enqueue', () => {
    it('writes in the caller’s transaction: a rolled-back change leaves no email', async () => {
      await expect(
        db.transaction().execute(async (trx) => {
          await createOutboxStore(trx).enqueue(email(1), T0);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await countMailbox(db)).toBe(0);

      const id = await db
        .transaction()
        .execute((trx) => createOutboxStore(trx).enqueue(email(2), T0));
      const m = await getMailboxMessage(db, id);
      expect(m).toMatchObject({
        id,
        to: 'person2@example.org',
        subject: 'Message 2',
        html: '<p>Message 2</p>',
        text: 'Message 2',
        kind: 'test.message',
        status: 'queued',
        attempts: 0,
        lastError: null,
        sentAt: null,
        messageId: null,
      });
      expect(m?.createdAt).toEqual(T0);
      expect(m?.nextAttemptAt).toEqual(T0);
    });

    it('records a suppressed email that no worker ever claims', async () => {
      const id = await createOutboxStore(db).enqueue(email(1), T0, { suppressed: true });
      expect((await getMailboxMessage(db, id))?.status).toBe('suppressed');
      expect(
        await claimDueEmails(db, dialect, {
          now: new Date(T0.getTime() + 1e9),
          leaseMs: 1000,
          limit: 10,
        }),
      ).toEqual([]);
    });
  });

  describe('claim', () => {
    it('takes due messages only, counts the attempt and leases them', async () => {
      const store = createOutboxStore(db);
      const due = await store.enqueue(email(1), T0);
      await store.enqueue(email(2), new Date(T0.getTime() + 60_000));
      const claimed = await claimDueEmails(db, dialect, { now: T0, leaseMs: 30_000, limit: 10 });
      expect(claimed).toHaveLength(1);
      expect(claimed[0]).toMatchObject({
        id: due,
        to: 'person1@example.org',
        attempt: 1,
        html: '<p>Message 1</p>',
      });
      expect(claimed[0]?.leaseUntil).toEqual(new Date(T0.getTime() + 30_000));
      expect((await getMailboxMessage(db, due))?.status).toBe('sending');
      // Leased: nobody else gets it, even though it is overdue.
      expect(
        await claimDueEmails(db, dialect, {
          now: new Date(T0.getTime() + 29_999),
          leaseMs: 30_000,
          limit: 10,
        }),
      ).toHaveLength(0);
    });

    it('claims again a message whose worker died mid-send, and fences off the dead worker', async () => {
      const id = await createOutboxStore(db).enqueue(email(1), T0);
      const first = await claimDueEmails(db, dialect, { now: T0, leaseMs: 30_000, limit: 10 });
      const later = new Date(T0.getTime() + 30_000);
      const second = await claimDueEmails(db, dialect, { now: later, leaseMs: 30_000, limit: 10 });
      expect(second.map((c) => [c.id, c.attempt])).toEqual([[id, 2]]);
      // The first worker wakes up late: its claim no longer owns the message.
      expect(await markEmailSent(db, { id, attempt: 1 }, { messageId: '<late>', now: later })).toBe(
        false,
      );
      expect(
        await markEmailRetry(
          db,
          { id, attempt: first[0]!.attempt },
          { error: 'x', nextAttemptAt: later },
        ),
      ).toBe(false);
      expect(await markEmailSent(db, { id, attempt: 2 }, { messageId: '<m>', now: later })).toBe(
        true,
      );
      expect(await getMailboxMessage(db, id)).toMatchObject({
        status: 'sent',
        messageId: '<m>',
        sentAt: later,
        attempts: 2,
      });
    });

    it('respects the batch limit, oldest first', async () => {
      const store = createOutboxStore(db);
      const ids = [];
      for (let i = 0; i < 5; i++)
        ids.push(await store.enqueue(email(i), new Date(T0.getTime() + i)));
      const claimed = await claimDueEmails(db, dialect, {
        now: new Date(T0.getTime() + 10),
        leaseMs: 1000,
        limit: 3,
      });
      expect(claimed.map((c) => c.id)).toEqual(ids.slice(0, 3));
    });
  });

  describe('mailbox listing', () => {
    it('lists newest first with paging and a case-insensitive recipient filter', async () => {
      const store = createOutboxStore(db);
      for (let i = 0; i < 5; i++)
        await store.enqueue(
          email(i, i % 2 ? 'Odd@Example.org' : 'even@example.org'),
          new Date(T0.getTime() + i * 1000),
        );
      const page1 = await listMailbox(db, { limit: 2, offset: 0 });
      expect(page1.map((m) => m.subject)).toEqual(['Message 4', 'Message 3']);
      const page2 = await listMailbox(db, { limit: 2, offset: 2 });
      expect(page2.map((m) => m.subject)).toEqual(['Message 2', 'Message 1']);
      expect(page1[0]).toEqual({
        id: expect.any(String) as string,
        to: 'even@example.org',
        subject: 'Message 4',
        kind: 'test.message',
        status: 'queued',
        attempts: 0,
        lastError: null,
        createdAt: new Date(T0.getTime() + 4000),
        sentAt: null,
      });
      const odd = await listMailbox(db, { limit: 10, offset: 0, to: ' odd@example.ORG ' });
      expect(odd.map((m) => m.subject)).toEqual(['Message 3', 'Message 1']);
      expect(await countMailbox(db, { to: 'odd@example.org' })).toBe(2);
      expect(await countMailbox(db)).toBe(5);
      expect(await getMailboxMessage(db, 'no-such-id')).toBeUndefined();
    });
  });

  describe('worker', () => {
    it('retries with exponential backoff, keeps the last error, and fails after max attempts', async () => {
      const clock = testClock(T0);
      const transport = recordingTransport();
      const worker = createOutboxWorker({
        db,
        dialect,
        transport,
        clock,
        logger: quiet,
        maxAttempts: 8,
      });
      const id = await createOutboxStore(db).enqueue(email(1), T0);

      transport.failWith = 'connect ECONNREFUSED 127.0.0.1:25';
      for (let attempt = 1; attempt <= 7; attempt++) {
        expect(await worker.runOnce()).toBe(1);
        const m = await getMailboxMessage(db, id);
        expect(m).toMatchObject({
          status: 'queued',
          attempts: attempt,
          lastError: 'Error: connect ECONNREFUSED 127.0.0.1:25',
        });
        expect(m?.nextAttemptAt).toEqual(new Date(clock.now().getTime() + backoffMs(attempt)));
        // Not due a moment before the backoff ends.
        clock.advance(backoffMs(attempt) - 1);
        expect(await worker.runOnce()).toBe(0);
        clock.advance(1);
      }
      transport.failWith = 'Error 8';
      expect(await worker.runOnce()).toBe(1);
      expect(await getMailboxMessage(db, id)).toMatchObject({
        status: 'failed',
        attempts: 8,
        lastError: 'Error: Error 8',
        sentAt: null,
      });
      clock.advance(365 * 24 * 3600_000);
      transport.failWith = null;
      expect(await worker.runOnce()).toBe(0);
      expect(transport.sent).toHaveLength(0);
    });

    it('delivers after a failed attempt once the backoff has passed', async () => {
      const clock = testClock(T0);
      const transport = recordingTransport();
      const worker = createOutboxWorker({ db, dialect, transport, clock, logger: quiet });
      const id = await createOutboxStore(db).enqueue(email(1), T0);
      transport.failWith = '451 try later';
      await worker.runOnce();
      transport.failWith = null;
      clock.advance(backoffMs(1));
      expect(await worker.runOnce()).toBe(1);
      expect(transport.sent.map((e) => e.id)).toEqual([id]);
      expect(await getMailboxMessage(db, id)).toMatchObject({
        status: 'sent',
        attempts: 2,
        lastError: 'Error: 451 try later',
        sentAt: clock.now(),
      });
    });

    it('marks a message whose recipient is malformed failed at once', async () => {
      const worker = createOutboxWorker({
        db,
        dialect,
        transport: createMailTransport({
          smtpUrl: undefined,
          mailFrom: 'Laurel <no-reply@example.org>',
          dataDir: dir,
        }),
        clock: testClock(T0),
        logger: quiet,
      });
      const id = await createOutboxStore(db).enqueue(email(1, 'a@example.org, b@example.org'), T0);
      await worker.runOnce();
      expect(await getMailboxMessage(db, id)).toMatchObject({ status: 'failed', attempts: 1 });
      expect((await getMailboxMessage(db, id))?.lastError).toMatch(/PermanentEmailError/);
    });

    it('delivers a message whose worker claimed it and died, once the lease expires', async () => {
      const clock = testClock(T0);
      const id = await createOutboxStore(db).enqueue(email(1), T0);
      // The "dead" worker: claimed in its own transaction, then never settled.
      expect(
        await claimDueEmails(db, dialect, { now: clock.now(), leaseMs: 60_000, limit: 10 }),
      ).toHaveLength(1);

      const transport = recordingTransport();
      const worker = createOutboxWorker({
        db,
        dialect,
        transport,
        clock,
        logger: quiet,
        leaseMs: 60_000,
      });
      expect(await worker.runOnce()).toBe(0);
      clock.advance(60_000);
      expect(await worker.runOnce()).toBe(1);
      expect(transport.sent.map((e) => e.id)).toEqual([id]);
      expect(await getMailboxMessage(db, id)).toMatchObject({ status: 'sent', attempts: 2 });
    });

    it('fails a message whose final attempt died with its worker', async () => {
      const clock = testClock(T0);
      const id = await createOutboxStore(db).enqueue(email(1), T0);
      await claimDueEmails(db, dialect, { now: clock.now(), leaseMs: 1000, limit: 1 });
      clock.advance(1000);
      const worker = createOutboxWorker({
        db,
        dialect,
        transport: recordingTransport(),
        clock,
        logger: quiet,
        maxAttempts: 1,
      });
      expect(await worker.runOnce()).toBe(1);
      expect(await getMailboxMessage(db, id)).toMatchObject({ status: 'failed', attempts: 2 });
    });

    it('stops gracefully: the send in flight finishes, unsent claims go back to the queue', async () => {
      const store = createOutboxStore(db);
      for (let i = 0; i < 3; i++) await store.enqueue(email(i), T0);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      let started!: () => void;
      const sending = new Promise<void>((r) => (started = r));
      const transport: MailTransport = {
        kind: 'mailbox',
        async send(e) {
          started();
          await gate;
          return { messageId: `<${e.id}@t>` };
        },
        close() {},
      };
      const worker = createOutboxWorker({
        db,
        dialect,
        transport,
        clock: testClock(T0),
        logger: quiet,
        pollIntervalMs: 10,
      });
      worker.start();
      await sending;
      const stopped = worker.stop();
      release();
      await stopped;
      const rows = await listMailbox(db, { limit: 10, offset: 0 });
      expect(rows.map((r) => r.status).sort()).toEqual(['queued', 'queued', 'sent']);
      expect(rows.filter((r) => r.status === 'queued').every((r) => r.attempts === 0)).toBe(true);
    });
  });

  describe('racing workers with a real SMTP server', () => {
    let smtp: TestSmtp;
    beforeEach(async () => {
      smtp = await startTestSmtp();
    });
    afterEach(async () => {
      await smtp.stop();
    });

    it('3 racing workers × 150 messages: each message is sent exactly once', async () => {
      const store = createOutboxStore(db);
      const ids = new Set<string>();
      for (let i = 0; i < 150; i++) ids.add(await store.enqueue(email(i), T0));

      // PostgreSQL: three pools, as three worker processes would have. SQLite: better-sqlite3
      // blocks the event loop while it waits for a lock, so in one process the workers share
      // the one connection (as `laurel serve` does); separate processes are covered in e2e.
      const connections = dialect === 'postgres' ? [connect(t), connect(t), connect(t)] : [];
      try {
        const workers = [0, 1, 2].map((i) =>
          createOutboxWorker({
            db: connections[i] ?? db,
            dialect,
            transport: createMailTransport({
              smtpUrl: smtp.url,
              mailFrom: 'Laurel <no-reply@laurel.test>',
              dataDir: dir,
            }),
            clock: { now: () => new Date() },
            logger: quiet,
            batchSize: 5,
          }),
        );
        const handled = await Promise.all(
          workers.map(async (w) => {
            let total = 0;
            for (let n = await w.runOnce(); n > 0; n = await w.runOnce()) total += n;
            return total;
          }),
        );
        expect(handled.reduce((a, b) => a + b, 0)).toBe(150);
        // With SKIP LOCKED the workers share the work; SQLite serialises claims but still splits batches.
        if (dialect === 'postgres') expect(handled.filter((n) => n > 0).length).toBeGreaterThan(1);
      } finally {
        await Promise.all(connections.map((c) => c.destroy()));
      }

      expect(smtp.messages).toHaveLength(150);
      const received = smtp.messages.map((m) => m.messageId.replace(/^<|@.*$/g, ''));
      expect(new Set(received).size).toBe(150);
      expect(new Set(received)).toEqual(ids);
      const rows = await listMailbox(db, { limit: 200, offset: 0 });
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    });
  });
});
