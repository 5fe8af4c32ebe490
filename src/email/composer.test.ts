import { describe, expect, it } from 'vitest';
import { ORGANIZATION_STATUSES } from '../core/entities.ts';
import type { OutgoingEmail } from '../core/ports/stores/outbox.ts';
import { createEmailComposer } from './composer.tsx';

const composer = createEmailComposer({ publicUrl: 'https://badges.example.org/' });
const to = 'ada@example.org';
const hostile = 'Acme <script>alert(1)</script> & "Co"';

function all(): OutgoingEmail[] {
  return [
    composer.verifyEmail({ to, firstName: 'Ada', link: '/verify-email?token=t1' }),
    composer.resetPassword({ to, firstName: 'Ada', link: '/reset-password?token=t2' }),
    ...ORGANIZATION_STATUSES.map((status) =>
      composer.organizationStatusChanged({
        to,
        organizationName: 'Acme',
        status,
        reason: 'Missing website',
        link: '/orgs/acme',
      }),
    ),
    composer.invitation({
      to,
      organizationName: 'Acme',
      inviterName: 'Grace Hopper',
      role: 'admin',
      link: '/invitations/t3',
    }),
    composer.roleChanged({ to, organizationName: 'Acme', role: 'issuer', link: '/orgs/acme' }),
    composer.promotedToOwner({ to, organizationName: 'Acme', link: '/orgs/acme' }),
    composer.removedFromOrganization({ to, organizationName: 'Acme' }),
    composer.ownerLeft({
      to,
      organizationName: 'Acme',
      leaverName: 'Grace Hopper',
      link: '/orgs/acme/members',
    }),
  ];
}

describe('email composer', () => {
  it('gives every email a short one-line subject, an HTML document, a text part and a kind', () => {
    for (const m of all()) {
      expect(m.to).toBe(to);
      expect(m.subject.length).toBeGreaterThan(5);
      expect(m.subject.length).toBeLessThanOrEqual(80);
      expect(m.subject).not.toMatch(/[\r\n]/);
      expect(m.html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
      expect(m.html).toContain('Laurel');
      expect(m.html).toContain('role="presentation"');
      expect(m.text.trim().length).toBeGreaterThan(50);
      expect(m.text).not.toMatch(/<[a-z]/i);
      expect(m.kind).toMatch(/^[a-z]+\.[a-z_]+$/);
    }
  });

  it('makes links absolute on the public URL and puts them in both parts', () => {
    const m = composer.verifyEmail({ to, firstName: 'Ada', link: '/verify-email?token=abc&x=1' });
    expect(m.text).toContain('https://badges.example.org/verify-email?token=abc&x=1');
    expect(m.html).toContain('href="https://badges.example.org/verify-email?token=abc&amp;x=1"');
    expect(m.text).toContain('Laurel · https://badges.example.org');
  });

  it('refuses links that are not http(s)', () => {
    expect(() =>
      composer.verifyEmail({ to, firstName: 'Ada', link: 'javascript:alert(1)' }),
    ).toThrow(/http/);
  });

  it('says what each account email is and when its link expires', () => {
    const verify = composer.verifyEmail({ to, firstName: 'Ada', link: '/v' });
    expect(verify.subject).toBe('Verify your email address');
    expect(verify.text).toContain('expires in 24 hours');
    const reset = composer.resetPassword({ to, firstName: 'Ada', link: '/r' });
    expect(reset.subject).toBe('Reset your Laurel password');
    expect(reset.text).toContain('expires in 1 hour');
    expect(reset.kind).toBe('account.reset_password');
  });

  it('words each organization status, with the reason where there is one', () => {
    const base = { to, organizationName: 'Acme', reason: 'Logo is not yours', link: '/orgs/acme' };
    const approved = composer.organizationStatusChanged({
      ...base,
      status: 'approved',
      reason: null,
    });
    expect(approved.subject).toBe('Acme is approved');
    const rejected = composer.organizationStatusChanged({ ...base, status: 'rejected' });
    expect(rejected.subject).toBe('Acme was not approved');
    expect(rejected.text).toContain('Reason: Logo is not yours');
    expect(rejected.text).toMatch(/resubmit/i);
    const suspended = composer.organizationStatusChanged({ ...base, status: 'suspended' });
    expect(suspended.text).toContain('Issuing is paused');
    expect(suspended.text).toContain('stay verifiable');
    expect(suspended.kind).toBe('organization.suspended');
    const reinstated = composer.organizationStatusChanged({
      ...base,
      status: 'approved',
      previousStatus: 'suspended',
      reason: null,
    });
    expect(reinstated.subject).toBe('Acme is active again');
    expect(reinstated.kind).toBe('organization.reinstated');
  });

  it('tells an invitee who invited them, the role, and to sign up first without an account', () => {
    const m = composer.invitation({
      to,
      organizationName: 'Acme',
      inviterName: 'Grace Hopper',
      role: 'admin',
      link: '/i/t',
    });
    expect(m.subject).toBe('Grace Hopper invited you to join Acme');
    expect(m.text).toContain('Grace Hopper invited you to join Acme on Laurel as an Admin.');
    expect(m.text).toContain('sign up first');
    expect(m.text).toContain('https://badges.example.org/i/t');
  });

  it('escapes names in HTML and keeps them to one line everywhere', () => {
    const m = composer.invitation({
      to,
      organizationName: hostile,
      inviterName: 'Eve\r\nBcc: evil@x',
      role: 'viewer',
      link: '/i/t',
    });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(m.subject).toBe(
      'Eve Bcc: evil@x invited you to join Acme <script>alert(1)</script> & "Co"',
    );
    expect(m.text).toContain('Eve Bcc: evil@x invited you');
    expect(m.text).toContain('as a Viewer');
  });

  it('keeps subjects short when names are long', () => {
    const m = composer.ownerLeft({
      to,
      organizationName: 'O'.repeat(300),
      leaverName: 'L'.repeat(300),
      link: '/m',
    });
    expect(m.subject.length).toBeLessThanOrEqual(200);
  });
});
