import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMailTransport, PermanentEmailError } from './transport.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'laurel-mailbox-'));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

const email = {
  id: '0b7c3c1e-6f1a-4c43-9d55-0d1f8b1c2a10',
  to: 'ada@example.org',
  subject: 'Hello Ada',
  html: '<p>Hello <strong>Ada</strong></p>',
  text: 'Hello Ada',
};

describe('local mailbox transport', () => {
  it('writes a parseable .eml with HTML and text parts under <dataDir>/mailbox/', async () => {
    const t = createMailTransport({
      smtpUrl: undefined,
      mailFrom: 'Laurel <no-reply@badges.example.org>',
      dataDir,
    });
    expect(t.kind).toBe('mailbox');
    const sent = await t.send(email);
    expect(sent.location).toBe(path.join(dataDir, 'mailbox', `${email.id}.eml`));
    const parsed = await simpleParser(await fs.readFile(sent.location!));
    expect(parsed.subject).toBe('Hello Ada');
    expect(parsed.html).toContain('<strong>Ada</strong>');
    expect(parsed.text?.trim()).toBe('Hello Ada');
    expect(parsed.messageId).toBe(`<${email.id}@badges.example.org>`);
    expect(sent.messageId).toBe(parsed.messageId);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(await fs.readdir(path.join(dataDir, 'mailbox'))).toEqual([`${email.id}.eml`]);
  });

  it('cannot be made to add headers through the subject or the sender name', async () => {
    const t = createMailTransport({
      smtpUrl: undefined,
      mailFrom: '"Laurel\r\nBcc: evil@x" <no-reply@example.org>',
      dataDir,
    });
    const sent = await t.send({ ...email, subject: 'Hi\r\nBcc: evil@x\r\nX-Evil: 1' });
    const raw = await fs.readFile(sent.location!, 'utf8');
    const head = raw.slice(0, raw.indexOf('\n\n'));
    expect(head).not.toMatch(/^bcc:/im);
    expect(head).not.toMatch(/^x-evil:/im);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Hi Bcc: evil@x X-Evil: 1');
    expect(parsed.bcc).toBeUndefined();
  });

  it('refuses a recipient that is not one plain address, as a permanent failure', async () => {
    const t = createMailTransport({
      smtpUrl: undefined,
      mailFrom: 'no-reply@example.org',
      dataDir,
    });
    await expect(t.send({ ...email, to: 'ada@example.org, evil@x.org' })).rejects.toBeInstanceOf(
      PermanentEmailError,
    );
    await expect(t.send({ ...email, to: 'ada@example.org\r\nBcc: evil@x' })).rejects.toBeInstanceOf(
      PermanentEmailError,
    );
  });

  it('refuses a MAIL_FROM without an address', () => {
    expect(() => createMailTransport({ smtpUrl: undefined, mailFrom: 'Laurel', dataDir })).toThrow(
      /MAIL_FROM/,
    );
  });
});
