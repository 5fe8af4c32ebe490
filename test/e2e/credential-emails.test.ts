import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCredential } from '../../src/core/credentials/issue.ts';
import { resendCredentialEmail } from '../../src/core/credentials/resend.ts';
import { userActor } from '../../src/core/authz/actor.ts';
import { seedIssuer, uniqueEmail } from '../factories/index.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';
import { eventually } from '../support/eventually.ts';
import { waitForMail } from '../support/smtp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startSetUpApp();
});
afterAll(() => t.close());

describe('credential emails over SMTP', () => {
  it('the issuance email shows the badge, issuer and credential ID with a View & Verify button; a renewal says it is one', async () => {
    const { org, owner, badge } = await seedIssuer(t.laurel.deps, {
      badge: { name: 'Forklift Safety', expiresInDays: 365, imagePath: 'badges/forklift.png' },
    });
    const email = uniqueEmail('jane');
    const first = await issueCredential(t.laurel.deps, userActor(owner.id), org.id, {
      badgeId: badge.id,
      recipientName: 'Jane Doe',
      recipientEmail: email,
    });
    if (!first.ok) throw new Error(first.error.message);
    const { shortId } = first.value.credential;

    const issued = await waitForMail(t.smtp, email, "🏆 You've earned a new credential!");
    expect(issued.html).toContain(`src="${t.url}/badge-images/${badge.id}"`);
    expect(issued.html).toContain('View &amp; Verify Credential');
    expect(issued.html).toContain(`href="${t.url}/verify/${shortId}"`);
    expect(issued.text).toContain('Forklift Safety');
    expect(issued.text).toContain(org.name);
    expect(issued.text).toContain(shortId);

    const second = await issueCredential(t.laurel.deps, userActor(owner.id), org.id, {
      badgeId: badge.id,
      recipientName: 'Jane Doe',
      recipientEmail: email,
    });
    expect(second.ok).toBe(true);
    const renewed = await waitForMail(
      t.smtp,
      email,
      'Your Forklift Safety credential has been renewed 🔄',
    );
    expect(renewed.text).toContain('This is a renewal');
    expect(renewed.text).toContain('now revoked');

    // The delivery state is recorded: the renewal's email reaches `sent`.
    if (!second.ok) throw new Error(second.error.message);
    const renewal = second.value.credential;
    const deliveredState = async () =>
      (
        await t.database.db
          .selectFrom('credentials')
          .innerJoin('email_outbox', 'email_outbox.id', 'credentials.email_outbox_id')
          .select(['email_outbox.status'])
          .where('credentials.id', '=', renewal.id)
          .executeTakeFirstOrThrow()
      ).status;
    expect(await eventually(deliveredState, (status) => status === 'sent')).toBe('sent');
    // A resend inside the 7-day cooldown is refused; the superseded credential cannot be resent at all.
    const tooSoon = await resendCredentialEmail(
      t.laurel.deps,
      userActor(owner.id),
      org.id,
      renewal.id,
    );
    expect(tooSoon.ok ? 'ok' : tooSoon.error.details?.reason).toBe('EMAIL_COOLDOWN');
    const superseded = await resendCredentialEmail(
      t.laurel.deps,
      userActor(owner.id),
      org.id,
      first.value.credential.id,
    );
    expect(superseded.ok ? 'ok' : superseded.error.details?.reason).toBe('CREDENTIAL_REVOKED');
  });
});
