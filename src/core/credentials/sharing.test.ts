import { describe, expect, it } from 'vitest';
import {
  embedSnippet,
  linkedInAddToProfileUrl,
  linkedInShareUrl,
  xShareUrl,
  type AddToProfileInput,
} from './sharing.ts';

const BASE: AddToProfileInput = {
  name: 'Cloud Practitioner & Ops',
  organizationName: 'Acme Training',
  linkedinCompanyId: null,
  issuedAt: new Date('2026-01-15T10:00:00Z'),
  expiresAt: null,
  certUrl: 'https://laurel.example.org/verify/CRD-ZBUYQMTA',
  certId: 'CRD-ZBUYQMTA',
};

function params(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

describe('linkedInAddToProfileUrl', () => {
  it('fills LinkedIn’s certification fields, January as month 1', () => {
    const url = linkedInAddToProfileUrl(BASE);
    expect(url.startsWith('https://www.linkedin.com/profile/add?')).toBe(true);
    expect(params(url)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Cloud Practitioner & Ops',
      organizationName: 'Acme Training',
      issueYear: '2026',
      issueMonth: '1',
      certUrl: 'https://laurel.example.org/verify/CRD-ZBUYQMTA',
      certId: 'CRD-ZBUYQMTA',
    });
    // Encoded, so the ampersand in the name cannot start a parameter of its own.
    expect(url).toContain('name=Cloud+Practitioner+%26+Ops');
  });

  it('counts December as 12 and reads months in UTC', () => {
    // 23:30 on 31 December in UTC is already January in Berlin: UTC decides.
    const p = params(
      linkedInAddToProfileUrl({ ...BASE, issuedAt: new Date('2025-12-31T23:30:00Z') }),
    );
    expect(p).toMatchObject({ issueYear: '2025', issueMonth: '12' });
  });

  it('adds the expiration month and year only when the credential expires', () => {
    expect(params(linkedInAddToProfileUrl(BASE))).not.toHaveProperty('expirationYear');
    expect(params(linkedInAddToProfileUrl(BASE))).not.toHaveProperty('expirationMonth');
    const p = params(
      linkedInAddToProfileUrl({ ...BASE, expiresAt: new Date('2027-12-01T00:00:00Z') }),
    );
    expect(p).toMatchObject({ expirationYear: '2027', expirationMonth: '12' });
  });

  it('names the organization by its LinkedIn company id instead of its name when it has one', () => {
    const p = params(linkedInAddToProfileUrl({ ...BASE, linkedinCompanyId: '1337' }));
    expect(p.organizationId).toBe('1337');
    expect(p).not.toHaveProperty('organizationName');
  });
});

describe('share links', () => {
  it('LinkedIn’s share dialog carries the verification page', () => {
    const url = linkedInShareUrl(BASE.certUrl);
    expect(url.startsWith('https://www.linkedin.com/sharing/share-offsite/?')).toBe(true);
    expect(params(url)).toEqual({ url: BASE.certUrl });
  });

  it('X’s tweet intent carries the text and the page, encoded', () => {
    const url = xShareUrl(BASE.certUrl, 'I earned Cloud & Ops #1');
    expect(url.startsWith('https://twitter.com/intent/tweet?')).toBe(true);
    expect(params(url)).toEqual({ text: 'I earned Cloud & Ops #1', url: BASE.certUrl });
  });
});

describe('embedSnippet', () => {
  it('is a titled, lazily loaded iframe of the embed widget, sized by attributes', () => {
    const html = embedSnippet('https://laurel.example.org/', 'CRD-ZBUYQMTA');
    expect(html).toMatch(/^<iframe [^>]*><\/iframe>$/);
    expect(html).toContain('src="https://laurel.example.org/api/embed/CRD-ZBUYQMTA"');
    expect(html).toMatch(/ title="[^"]*CRD-ZBUYQMTA"/);
    expect(html).toMatch(/ width="\d+" height="\d+"/);
    expect(html).toContain('loading="lazy"');
    expect(html).not.toContain('style=');
  });

  it('escapes what it puts in attributes', () => {
    expect(embedSnippet('https://x.example/"><script>', 'CRD-A')).not.toContain('"><script>');
  });
});
