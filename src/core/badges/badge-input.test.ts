import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../accounts/account-input.ts';
import {
  BadgeCreateSchema,
  BadgeUpdateSchema,
  MAX_EXPIRES_IN_DAYS,
  MAX_TAGS,
  MAX_TAG_LENGTH,
  type BadgeCreateInput,
} from './badge-input.ts';

const valid: BadgeCreateInput = {
  name: 'AWS Fundamentals',
  description: 'Demonstrates a foundational understanding of AWS core services.',
  criteria: 'Pass the 60-question exam with a score of 70% or higher.',
};

function errorsOf(
  input: unknown,
  schema: typeof BadgeCreateSchema | typeof BadgeUpdateSchema = BadgeCreateSchema,
) {
  const r = schema.safeParse(input);
  if (r.success) throw new Error(`expected a failure, got ${JSON.stringify(r.data)}`);
  return fieldErrors(r.error);
}

describe('BadgeCreateSchema', () => {
  it('fills the optional fields with their defaults', () => {
    expect(BadgeCreateSchema.parse(valid)).toEqual({
      name: 'AWS Fundamentals',
      slug: undefined,
      description: valid.description,
      criteria: valid.criteria,
      externalUrl: null,
      expiresInDays: null,
      tags: [],
    });
  });

  it('trims text and normalises line endings, so an unchanged textarea compares equal', () => {
    const parsed = BadgeCreateSchema.parse({
      ...valid,
      name: '  AWS Fundamentals \t',
      description: '  Line one\r\nLine two\rLine three\n ',
      criteria: '\r\nPass.\r\n',
    });
    expect(parsed.name).toBe('AWS Fundamentals');
    expect(parsed.description).toBe('Line one\nLine two\nLine three');
    expect(parsed.criteria).toBe('Pass.');
  });

  it('turns tabs into spaces in every signed field, before the length limit counts', () => {
    const parsed = BadgeCreateSchema.parse({
      ...valid,
      name: 'AWS\tFundamentals',
      description: 'Column\tone\r\nColumn\ttwo',
      criteria: 'Pass.\t\tThen more.',
      tags: ['cloud\tnative'],
    });
    expect(parsed).toMatchObject({
      name: 'AWS Fundamentals',
      description: 'Column one\nColumn two',
      criteria: 'Pass.  Then more.',
      tags: ['cloud native'],
    });
    // 150 characters once each CRLF is one LF.
    const long = `${'x'.repeat(74)}\r\n${'y'.repeat(75)}`;
    expect(BadgeCreateSchema.parse({ ...valid, name: long }).name).toHaveLength(150);
    const description = `${'x'.repeat(2500)}\r\n${'y'.repeat(2499)}`;
    expect(BadgeCreateSchema.parse({ ...valid, description }).description).toHaveLength(5000);
  });

  it('refuses other control characters in every signed field, naming the field and the character', () => {
    expect(
      errorsOf({
        name: 'AWS\u0007',
        description: '\u0000Cloud',
        criteria: 'Pass\u007f',
        tags: ['aws', 'clo\u001bud'],
      }),
    ).toEqual({
      name: 'Name contains a control character (U+0007) that cannot be used in a credential. Remove it and try again.',
      description:
        'Description contains a control character (U+0000) that cannot be used in a credential. Remove it and try again.',
      criteria:
        'Criteria contains a control character (U+007F) that cannot be used in a credential. Remove it and try again.',
      tags: 'A skill contains a control character (U+001B) that cannot be used in a credential. Remove it and try again.',
    });
    expect(Object.keys(errorsOf({ ...valid, tags: 'aws, \u000bcloud' }))).toEqual(['tags']);
    expect(errorsOf({ ...valid, tags: 'aws, \u000bcloud' }).tags).toContain('(U+000B)');
    expect(Object.keys(errorsOf({ criteria: 'Pass\u0008' }, BadgeUpdateSchema))).toEqual([
      'criteria',
    ]);
    expect(errorsOf({ criteria: 'Pass\u0008' }, BadgeUpdateSchema).criteria).toContain('(U+0008)');
    // Unicode, LF and the line separator stay as they are.
    expect(
      BadgeCreateSchema.parse({ ...valid, name: 'Zoë 日本語 🎓', description: 'a\u2028b\nc' }),
    ).toMatchObject({ name: 'Zoë 日本語 🎓', description: 'a\u2028b\nc' });
  });

  it('requires name, description and criteria, naming each field', () => {
    expect(errorsOf({})).toEqual({
      name: 'Enter a name.',
      description: 'Enter the description.',
      criteria: 'Enter the criteria.',
    });
    expect(errorsOf({ name: '   ', description: ' \r\n ', criteria: '' })).toEqual({
      name: 'Enter a name.',
      description: 'Enter the description.',
      criteria: 'Enter the criteria.',
    });
  });

  it('limits the lengths', () => {
    expect(errorsOf({ ...valid, name: 'x'.repeat(151) })).toEqual({
      name: 'Name must be at most 150 characters.',
    });
    expect(BadgeCreateSchema.parse({ ...valid, name: 'x'.repeat(150) }).name).toHaveLength(150);
    expect(
      errorsOf({ ...valid, description: 'x'.repeat(5001), criteria: 'y'.repeat(5001) }),
    ).toEqual({
      description: 'Description must be at most 5000 characters.',
      criteria: 'Criteria must be at most 5000 characters.',
    });
  });

  describe('slug', () => {
    it('is optional: blank means "generate one"', () => {
      expect(BadgeCreateSchema.parse({ ...valid, slug: '' }).slug).toBeUndefined();
      expect(BadgeCreateSchema.parse({ ...valid, slug: '   ' }).slug).toBeUndefined();
    });
    it('is lower-cased and trimmed', () => {
      expect(BadgeCreateSchema.parse({ ...valid, slug: ' AWS-Fundamentals-2026 ' }).slug).toBe(
        'aws-fundamentals-2026',
      );
    });
    it.each(['aws fundamentals', 'aws_fundamentals', '-aws', 'aws-', 'aws--x', 'café-1', 'a/b'])(
      'refuses %j',
      (slug) => {
        expect(errorsOf({ ...valid, slug })).toEqual({
          slug: 'Use lower-case letters, digits and single hyphens.',
        });
      },
    );
    it('is 3 to 60 characters', () => {
      expect(errorsOf({ ...valid, slug: 'ab' })).toEqual({
        slug: 'Slug must be at least 3 characters.',
      });
      expect(errorsOf({ ...valid, slug: 'a'.repeat(61) })).toEqual({
        slug: 'Slug must be at most 60 characters.',
      });
      expect(BadgeCreateSchema.parse({ ...valid, slug: 'a'.repeat(60) }).slug).toBe('a'.repeat(60));
    });
  });

  describe('externalUrl', () => {
    it.each([undefined, null, '', '   '])('%j means no link', (externalUrl) => {
      expect(BadgeCreateSchema.parse({ ...valid, externalUrl }).externalUrl).toBeNull();
    });
    it.each(['https://example.org/badges/aws', 'http://example.org'])(
      'accepts %j',
      (externalUrl) => {
        expect(
          BadgeCreateSchema.parse({ ...valid, externalUrl: ` ${externalUrl} ` }).externalUrl,
        ).toBe(externalUrl);
      },
    );
    it.each([
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://example.org/x',
      'example.org',
      'https://',
    ])('refuses %j', (externalUrl) => {
      expect(errorsOf({ ...valid, externalUrl })).toEqual({
        externalUrl: 'Enter a full web address starting with http:// or https://.',
      });
    });
  });

  describe('expiresInDays', () => {
    it.each([
      [undefined, null],
      [null, null],
      ['', null],
      ['  ', null],
      [730, 730],
      ['730', 730],
      [' 365 ', 365],
      [1, 1],
      [MAX_EXPIRES_IN_DAYS, MAX_EXPIRES_IN_DAYS],
    ])('%j → %j', (expiresInDays, expected) => {
      expect(BadgeCreateSchema.parse({ ...valid, expiresInDays }).expiresInDays).toBe(expected);
    });
    it.each([
      0,
      -1,
      1.5,
      MAX_EXPIRES_IN_DAYS + 1,
      '0',
      '-5',
      '1.5',
      '1e3',
      'abc',
      '99999999999',
      Number.NaN,
      Infinity,
      true,
      [],
      {},
    ])('refuses %j', (expiresInDays) => {
      expect(errorsOf({ ...valid, expiresInDays })).toEqual({
        expiresInDays:
          'Expires in days must be a whole number from 1 to 36500, or blank for credentials that never expire.',
      });
    });
  });

  describe('tags', () => {
    it('trims, drops blanks, collapses whitespace and dedupes ignoring case, keeping the first spelling and the order', () => {
      expect(
        BadgeCreateSchema.parse({
          ...valid,
          tags: [' Kubernetes ', 'cloud   native', '', '  ', 'kubernetes', 'AWS', 'aws'],
        }).tags,
      ).toEqual(['Kubernetes', 'cloud native', 'AWS']);
    });
    it('splits the text of a form field on commas and new lines', () => {
      expect(
        BadgeCreateSchema.parse({ ...valid, tags: 'kubernetes, cloud-native,\r\nAWS,,' }).tags,
      ).toEqual(['kubernetes', 'cloud-native', 'AWS']);
      expect(BadgeCreateSchema.parse({ ...valid, tags: '' }).tags).toEqual([]);
    });
    it(`allows at most ${MAX_TAGS} skills of at most ${MAX_TAG_LENGTH} characters`, () => {
      const many = Array.from({ length: MAX_TAGS }, (_, i) => `skill-${i}`);
      expect(BadgeCreateSchema.parse({ ...valid, tags: many }).tags).toEqual(many);
      // Duplicates do not count toward the limit.
      expect(BadgeCreateSchema.parse({ ...valid, tags: [...many, ...many] }).tags).toEqual(many);
      expect(errorsOf({ ...valid, tags: [...many, 'one-more'] })).toEqual({
        tags: 'A badge can list at most 30 skills.',
      });
      expect(
        BadgeCreateSchema.parse({ ...valid, tags: ['x'.repeat(MAX_TAG_LENGTH)] }).tags,
      ).toEqual(['x'.repeat(MAX_TAG_LENGTH)]);
      expect(errorsOf({ ...valid, tags: ['x'.repeat(MAX_TAG_LENGTH + 1)] })).toEqual({
        tags: 'Each skill must be at most 50 characters.',
      });
    });
    it('refuses what is not text', () => {
      expect(errorsOf({ ...valid, tags: [1, 2] })).toEqual({
        tags: 'Enter skills as a list of words or short phrases.',
      });
      expect(errorsOf({ ...valid, tags: { a: 1 } })).toEqual({
        tags: 'Enter skills as a list of words or short phrases.',
      });
    });
    it('always yields distinct (ignoring case), trimmed, non-empty skills within the limits (property)', () => {
      fc.assert(
        fc.property(fc.array(fc.string({ maxLength: 60 }), { maxLength: 40 }), (tags) => {
          const r = BadgeCreateSchema.safeParse({ ...valid, tags });
          if (!r.success) return;
          const out = r.data.tags;
          expect(out.length).toBeLessThanOrEqual(MAX_TAGS);
          expect(new Set(out.map((t) => t.toLowerCase())).size).toBe(out.length);
          for (const t of out) {
            expect(t).toBe(t.trim());
            expect(t.length).toBeGreaterThan(0);
            expect(t.length).toBeLessThanOrEqual(MAX_TAG_LENGTH);
          }
        }),
      );
    });
  });

  it('reports every bad field at once', () => {
    expect(
      Object.keys(
        errorsOf({
          name: '',
          slug: 'Bad Slug',
          description: 'ok',
          criteria: 'ok',
          externalUrl: 'nope',
          expiresInDays: 0,
          tags: 5,
        }),
      ).sort(),
    ).toEqual(['expiresInDays', 'externalUrl', 'name', 'slug', 'tags']);
  });
});

describe('BadgeUpdateSchema', () => {
  it('leaves absent fields absent: they stay as they are', () => {
    const parsed = BadgeUpdateSchema.parse({});
    expect(Object.values(parsed).every((v) => v === undefined)).toBe(true);
  });

  it('tells "clear" (null or blank) from "unchanged" (absent)', () => {
    expect(BadgeUpdateSchema.parse({ externalUrl: '', expiresInDays: '' })).toMatchObject({
      externalUrl: null,
      expiresInDays: null,
    });
    expect(BadgeUpdateSchema.parse({ externalUrl: null, expiresInDays: null })).toMatchObject({
      externalUrl: null,
      expiresInDays: null,
    });
    expect(BadgeUpdateSchema.parse({ tags: '' }).tags).toEqual([]);
  });

  it('validates what is present like creation does', () => {
    expect(
      errorsOf(
        { description: '  ', externalUrl: 'javascript:x', expiresInDays: '0', name: '' },
        BadgeUpdateSchema,
      ),
    ).toEqual({
      name: 'Enter a name.',
      description: 'Enter the description.',
      externalUrl: 'Enter a full web address starting with http:// or https://.',
      expiresInDays:
        'Expires in days must be a whole number from 1 to 36500, or blank for credentials that never expire.',
    });
  });
});
