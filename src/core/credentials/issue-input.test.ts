import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../accounts/account-input.ts';
import { IssueCredentialSchema } from './issue-input.ts';

const valid = { badgeId: 'b1', recipientName: 'Jane Doe', recipientEmail: 'jane@example.org' };

function errorsOf(input: Record<string, unknown>) {
  const r = IssueCredentialSchema.safeParse({ ...valid, ...input });
  if (r.success) throw new Error(`expected a failure, got ${JSON.stringify(r.data)}`);
  return fieldErrors(r.error);
}

describe('IssueCredentialSchema', () => {
  it('normalises the recipient name as signed text: CRLF and CR to LF, tabs to spaces, then trimmed', () => {
    const parse = (recipientName: string) =>
      IssueCredentialSchema.parse({ ...valid, recipientName }).recipientName;
    expect(parse('\tJane\tDoe\r\n')).toBe('Jane Doe');
    expect(parse('Jane\r\nDoe')).toBe('Jane\nDoe');
    expect(parse('Jane\rDoe')).toBe('Jane\nDoe');
    expect(parse('Zoë\u2028日本語')).toBe('Zoë\u2028日本語');
    // The limit counts the normalised name: 200 with LF, 201 as sent.
    expect(parse(`${'a'.repeat(100)}\r\n${'b'.repeat(99)}`)).toHaveLength(200);
    expect(errorsOf({ recipientName: 'a'.repeat(201) })).toEqual({
      recipientName: 'Recipient name is too long.',
    });
  });

  it('refuses any other control character in the recipient name, naming it', () => {
    expect(errorsOf({ recipientName: 'Jane\u0007Doe' })).toEqual({
      recipientName:
        'Recipient name contains a control character (U+0007) that cannot be used in a credential. Remove it and try again.',
    });
    expect(errorsOf({ recipientName: 'Jane\u007f' }).recipientName).toContain('(U+007F)');
  });

  it('refuses an evidence URL that is no IRI', () => {
    expect(errorsOf({ evidenceUrl: 'https://example.org/a\tb' })).toEqual({
      evidenceUrl:
        'Enter the web address without spaces, quotes, angle brackets or control characters.',
    });
  });
});
