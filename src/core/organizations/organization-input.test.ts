import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  OrganizationDetailsSchema,
  SLUG_PATTERN,
  WebUrlSchema,
  slugify,
} from './organization-input.ts';

describe('slugify', () => {
  it.each([
    ['Acme Corp', 'acme-corp'],
    ['  Acme   Corp  ', 'acme-corp'],
    ['--Hello__World--', 'hello-world'],
    ['Café Zürich', 'cafe-zurich'],
    ['ÅNGSTRÖM Lab 42', 'angstrom-lab-42'],
    ['日本語', ''],
    ['', ''],
    ['!!!', ''],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('cuts at 60 characters without leaving a trailing hyphen', () => {
    const cut = slugify(`${'a'.repeat(59)} bcd`);
    expect(cut).toBe('a'.repeat(59));
    expect(slugify('x'.repeat(100))).toBe('x'.repeat(60));
  });

  it('always gives a slug that matches SLUG_PATTERN, at most 60 long, or nothing (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (name) => {
        const slug = slugify(name);
        expect(slug.length).toBeLessThanOrEqual(60);
        if (slug !== '') expect(slug).toMatch(SLUG_PATTERN);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120, unit: 'grapheme' }), (name) => {
        expect(slugify(slugify(name))).toBe(slugify(name));
      }),
    );
  });
});

describe('SLUG_PATTERN', () => {
  it.each(['acme', 'a1', 'acme-corp-2', '0'])('accepts %j', (s) => expect(s).toMatch(SLUG_PATTERN));
  it.each(['Acme', '-acme', 'acme-', 'acme--corp', 'acme_corp', 'acme corp', '', 'café'])(
    'refuses %j',
    (s) => expect(s).not.toMatch(SLUG_PATTERN),
  );
});

describe('WebUrlSchema', () => {
  it.each(['https://example.org', 'http://example.org/path?q=1', '  https://example.org  '])(
    'accepts %j',
    (url) => {
      expect(WebUrlSchema.safeParse(url).success).toBe(true);
    },
  );

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'ftp://example.org',
    'mailto:someone@example.org',
    'file:///etc/passwd',
    'example.org',
    '//example.org',
    'http://',
    `https://example.org/${'a'.repeat(2048)}`,
    // A URL parser takes these, but a signed IRI cannot hold them.
    'https://example.org/a b',
    'https://exa\tmple.org',
    'https://example.org/a\nb',
    'https://example.org/\u0007',
    'https://example.org/"quoted"',
    'https://example.org/<x>',
  ])('refuses %j', (url) => {
    expect(WebUrlSchema.safeParse(url).success).toBe(false);
  });
});

describe('OrganizationDetailsSchema', () => {
  const parse = (input: Record<string, unknown>) =>
    OrganizationDetailsSchema.safeParse({ name: 'Acme Corp', ...input });
  const fieldsOf = (r: ReturnType<typeof parse>) =>
    r.success ? [] : r.error.issues.map((i) => i.path.join('.'));

  it('normalises a minimal form: trimmed name, empty optionals as null, no slug', () => {
    const r = OrganizationDetailsSchema.parse({
      name: '  Acme Corp ',
      website: '',
      description: '  ',
      slug: '',
      linkedinCompanyId: ' ',
    });
    expect(r).toEqual({
      name: 'Acme Corp',
      slug: undefined,
      website: null,
      description: null,
      linkedinCompanyId: null,
    });
    expect(OrganizationDetailsSchema.parse({ name: 'Acme' })).toEqual({
      name: 'Acme',
      slug: undefined,
      website: null,
      description: null,
      linkedinCompanyId: null,
    });
  });

  it.each(['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,hi', 'ftp://example.org'])(
    'refuses website %j',
    (website) => {
      const r = parse({ website });
      expect(r.success).toBe(false);
      expect(fieldsOf(r)).toEqual(['website']);
    },
  );

  it('keeps an http(s) website', () => {
    expect(
      OrganizationDetailsSchema.parse({ name: 'Acme', website: ' https://acme.example/ ' }).website,
    ).toBe('https://acme.example/');
  });

  it('lower-cases and trims a slug that matches the pattern', () => {
    expect(OrganizationDetailsSchema.parse({ name: 'Acme', slug: ' Acme-Corp ' }).slug).toBe(
      'acme-corp',
    );
  });

  it.each(['acme--corp', '-acme', 'acme-', 'acme_corp', 'acme corp', 'ac', 'a'.repeat(61), 'café'])(
    'refuses slug %j',
    (slug) => {
      const r = parse({ slug });
      expect(r.success).toBe(false);
      expect(fieldsOf(r)).toEqual(['slug']);
    },
  );

  it('accepts slugs of 3 and 60 characters', () => {
    expect(parse({ slug: 'abc' }).success).toBe(true);
    expect(parse({ slug: 'a'.repeat(60) }).success).toBe(true);
  });

  it('needs a name of 2 to 120 characters after trimming', () => {
    expect(fieldsOf(parse({ name: ' a ' }))).toEqual(['name']);
    expect(parse({ name: 'ab' }).success).toBe(true);
    expect(parse({ name: 'a'.repeat(120) }).success).toBe(true);
    expect(fieldsOf(parse({ name: 'a'.repeat(121) }))).toEqual(['name']);
  });

  it('keeps a LinkedIn company ID of 1 to 20 digits, trimmed', () => {
    expect(
      OrganizationDetailsSchema.parse({ name: 'Acme', linkedinCompanyId: ' 2414183 ' })
        .linkedinCompanyId,
    ).toBe('2414183');
    expect(parse({ linkedinCompanyId: '7' }).success).toBe(true);
    expect(parse({ linkedinCompanyId: '9'.repeat(20) }).success).toBe(true);
  });

  it.each([
    'abc',
    '12a',
    '-1',
    '1.5',
    '1 2',
    '9'.repeat(21),
    '١٢٣',
    'https://www.linkedin.com/company/2414183/admin/',
  ])('refuses LinkedIn company ID %j', (linkedinCompanyId) => {
    const r = parse({ linkedinCompanyId });
    expect(r.success).toBe(false);
    expect(fieldsOf(r)).toEqual(['linkedinCompanyId']);
  });

  it('normalises the name and description as signed text, refusing other control characters', () => {
    expect(
      OrganizationDetailsSchema.parse({ name: 'Acme\tCorp', description: 'We teach.\r\nWell.\r' }),
    ).toMatchObject({ name: 'Acme Corp', description: 'We teach.\nWell.' });
    const r = parse({ name: 'Acme\u0007', description: 'We \u007f teach.' });
    expect(r.success).toBe(false);
    expect(fieldsOf(r)).toEqual(['name', 'description']);
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      'Name contains a control character (U+0007) that cannot be used in a credential. Remove it and try again.',
      'Description contains a control character (U+007F) that cannot be used in a credential. Remove it and try again.',
    ]);
  });

  it('caps the description at 1000 characters', () => {
    expect(parse({ description: 'd'.repeat(1000) }).success).toBe(true);
    expect(fieldsOf(parse({ description: 'd'.repeat(1001) }))).toEqual(['description']);
  });
});
