import { describe, expect, it } from 'vitest';
import { issuerDid, verificationMethodId } from './issuer-did.ts';

describe('did:web of an issuer', () => {
  it('writes a port as %3A and keeps the public URL path', () => {
    expect(issuerDid('http://localhost:3000', 'acme')).toBe(
      'did:web:localhost%3A3000:issuers:acme',
    );
    expect(issuerDid('https://badges.example.org', 'acme')).toBe(
      'did:web:badges.example.org:issuers:acme',
    );
    expect(issuerDid('https://example.org/laurel/', 'acme')).toBe(
      'did:web:example.org:laurel:issuers:acme',
    );
    expect(verificationMethodId('did:web:example.org:issuers:acme', 'key-2')).toBe(
      'did:web:example.org:issuers:acme#key-2',
    );
  });
});
