import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR, userActor } from '../../src/core/authz/actor.ts';
import { listMailbox, readMailboxMessage } from '../../src/core/mailbox/mailbox.ts';
import { seedUser, uniqueEmail } from '../factories/index.ts';
import { createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';
import { snapshotTables } from '../support/snapshot.ts';

describe.each(testDialects())('the admin mailbox use cases on %s', (dialect) => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore(dialect);
  });
  afterAll(() => core.destroy());

  async function queue(to: string, kind: string): Promise<string> {
    return core.deps.uow.stores.outbox.enqueue(
      { to, subject: `About ${kind}`, html: '<p>Hello</p>', text: 'Hello', kind },
      core.deps.clock.now(),
    );
  }

  it('answers a non-admin (and the operator) as if the mailbox did not exist, and changes nothing', async () => {
    const member = await seedUser(core.deps);
    const id = await queue(uniqueEmail('someone'), 'credential.issued');
    const before = await snapshotTables(core.db);
    const list = await listMailbox(core.deps, userActor(member.id), { pageNumber: 1 });
    const read = await readMailboxMessage(core.deps, userActor(member.id), id, 'mailbox');
    expect(list.ok ? 'ok' : list.error.code).toBe('NOT_FOUND');
    expect(read.ok ? 'ok' : read.error.code).toBe('NOT_FOUND');
    // The command line has no mailbox to read: it is the admin area's.
    const operator = await listMailbox(core.deps, OPERATOR, { pageNumber: 1 });
    expect(operator.ok ? 'ok' : operator.error.code).toBe('NOT_FOUND');
    expect(await snapshotTables(core.db)).toEqual(before);
  });

  it('lists and reads messages for a platform admin, filtered by recipient', async () => {
    const admin = await seedUser(core.deps, { platformAdmin: true });
    const to = uniqueEmail('listed');
    const id = await queue(to, 'credential.issued');
    const list = await listMailbox(core.deps, userActor(admin.id), {
      pageNumber: 1,
      to: ` ${to.toUpperCase()} `,
    });
    expect(list.ok && list.value).toMatchObject({ total: 1, pageNumber: 1, to: to.toUpperCase() });
    expect(list.ok && list.value.messages.map((m) => m.id)).toEqual([id]);
    const read = await readMailboxMessage(core.deps, userActor(admin.id), id, 'smtp');
    expect(read.ok && read.value).toMatchObject({ message: { id, to }, bodyHidden: false });
    const missing = await readMailboxMessage(
      core.deps,
      userActor(admin.id),
      crypto.randomUUID(),
      'mailbox',
    );
    expect(missing.ok ? 'ok' : missing.error.code).toBe('NOT_FOUND');
  });

  it('hides the bodies of emails with personal links only when SMTP delivered them to people', async () => {
    const admin = await seedUser(core.deps, { platformAdmin: true });
    const id = await queue(uniqueEmail('reset'), 'account.reset_password');
    const viaSmtp = await readMailboxMessage(core.deps, userActor(admin.id), id, 'smtp');
    const local = await readMailboxMessage(core.deps, userActor(admin.id), id, 'mailbox');
    expect(viaSmtp.ok && viaSmtp.value.bodyHidden).toBe(true);
    expect(local.ok && local.value.bodyHidden).toBe(false);
  });
});
