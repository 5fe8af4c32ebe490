import type { EmailContent } from '../content.ts';

export function verifyEmailContent(p: { firstName: string; link: string }): EmailContent {
  return {
    subject: 'Verify your email address',
    preheader: 'Confirm your email address to finish setting up your Laurel account.',
    heading: 'Verify your email address',
    body: [
      [`Hi ${p.firstName},`],
      ['Confirm that this is your email address to finish setting up your Laurel account.'],
    ],
    action: { label: 'Verify email address', url: p.link },
    notes: [
      ['This link expires in 24 hours.'],
      ["If you didn't create a Laurel account, you can ignore this email."],
    ],
    footer: 'You received this email because someone signed up for Laurel with this address.',
  };
}

export function resetPasswordContent(p: { firstName: string; link: string }): EmailContent {
  return {
    subject: 'Reset your Laurel password',
    preheader: 'Choose a new password for your Laurel account.',
    heading: 'Reset your password',
    body: [
      [`Hi ${p.firstName},`],
      [
        'We received a request to reset the password of your Laurel account. Choose a new password with the button below.',
      ],
    ],
    action: { label: 'Choose a new password', url: p.link },
    notes: [
      ['This link expires in 1 hour and works once.'],
      [
        "If you didn't ask to reset your password, you can ignore this email: your password stays the same.",
      ],
    ],
    footer:
      'You received this email because a password reset was requested for your Laurel account.',
  };
}
