// The public Achievement document and the issuer's achievement list: their shape, that
// each is valid JSON-LD in safe mode under the contexts it names (the list under the
// Laurel context, served by Laurel itself), and that they refuse input that breaks them.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildAchievementCollection, buildAchievementDocument } from './achievement.ts';
import type { AchievementFacts, IssuerFacts } from './facts.ts';
import {
  OB_V3_CONTEXT,
  UnknownDocumentError,
  VC_V2_CONTEXT,
  createDocumentLoader,
} from './document-loader.ts';
import { issuerProfileNode } from './issuer-profile.ts';
import type { DocumentLoader, JsonLdObject } from './jsonld-types.ts';
import { LAUREL_CONTEXT_V1, laurelContextUrl } from './laurel-context.ts';

// jsonld.js is CommonJS and src/vc/types declares only the slice signing uses; expansion
// is a test-only need, so its one function is typed here.
const jsonld = createRequire(import.meta.url)('jsonld') as {
  expand(
    input: JsonLdObject,
    options: { documentLoader: DocumentLoader; safe: boolean },
  ): Promise<JsonLdObject[]>;
};

const PUBLIC_URL = 'https://badges.example.org';
const LAUREL_CONTEXT_URL = `${PUBLIC_URL}/contexts/laurel/v1.jsonld`;
const COLLECTION_URL = `${PUBLIC_URL}/issuers/acme/achievements`;
const staticLoader = createDocumentLoader();
const laurelLoader = createDocumentLoader(new Map([[LAUREL_CONTEXT_URL, LAUREL_CONTEXT_V1]]));
const SCHEMA = 'https://schema.org/';
const OB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#';

const issuer: IssuerFacts = {
  did: 'did:web:badges.example.org:issuers:acme',
  name: 'Acme Training',
  url: 'https://acme.example.org',
  description: null,
  imageUrl: `${PUBLIC_URL}/logos/acme`,
  email: null,
};

function achievement(slug = 'safe-lifting'): AchievementFacts {
  return {
    id: `${PUBLIC_URL}/achievements/acme/${slug}`,
    name: 'Safe Lifting',
    description: 'Lifts loads safely with correct posture and equipment.',
    criteria: 'Passed the practical assessment with an instructor.',
    imageUrl: `${PUBLIC_URL}/badge-images/${slug}`,
    tags: ['safety'],
    externalUrl: 'https://acme.example.org/courses/safe-lifting',
  };
}

const expand = (document: JsonLdObject, documentLoader: DocumentLoader) =>
  jsonld.expand(document, { documentLoader, safe: true });

describe('buildAchievementDocument', () => {
  it('writes the OB 3.0 Achievement with its creator and the external URL as url', () => {
    expect(buildAchievementDocument(achievement(), issuer)).toEqual({
      '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
      id: `${PUBLIC_URL}/achievements/acme/safe-lifting`,
      type: ['Achievement'],
      name: 'Safe Lifting',
      description: 'Lifts loads safely with correct posture and equipment.',
      criteria: { narrative: 'Passed the practical assessment with an instructor.' },
      image: { id: `${PUBLIC_URL}/badge-images/safe-lifting`, type: 'Image' },
      tag: ['safety'],
      creator: issuerProfileNode(issuer),
      url: 'https://acme.example.org/courses/safe-lifting',
    });
    const bare = buildAchievementDocument(
      { ...achievement(), imageUrl: null, tags: [], externalUrl: null },
      issuer,
    );
    expect(Object.keys(bare)).toEqual([
      '@context',
      'id',
      'type',
      'name',
      'description',
      'criteria',
      'creator',
    ]);
  });

  it('expands in safe mode with the static loader alone, url as schema:url', async () => {
    const [node] = await expand(buildAchievementDocument(achievement(), issuer), staticLoader);
    expect(node?.['@type']).toEqual([`${OB}Achievement`]);
    // The OB 3.0.3 context types url with an https:// XMLSchema IRI (sic), Profile's too.
    expect(node?.[`${SCHEMA}url`]).toEqual([
      {
        '@type': 'https://www.w3.org/2001/XMLSchema#anyURI',
        '@value': 'https://acme.example.org/courses/safe-lifting',
      },
    ]);
    expect(node?.[`${SCHEMA}keywords`]).toEqual([{ '@value': 'safety' }]);
  });

  it('rejects input that would make a bad document with TypeError', () => {
    const bad: [string, AchievementFacts, IssuerFacts][] = [
      ['external URL not http(s)', { ...achievement(), externalUrl: 'mailto:a@b.org' }, issuer],
      ['empty name', { ...achievement(), name: '' }, issuer],
      ['relative id', { ...achievement(), id: '/achievements/acme/x' }, issuer],
      ['empty creator name', achievement(), { ...issuer, name: '' }],
      ['creator without a DID', achievement(), { ...issuer, did: 'acme' }],
    ];
    for (const [name, a, creator] of bad) {
      expect(() => buildAchievementDocument(a, creator), name).toThrow(TypeError);
    }
  });
});

describe('buildAchievementCollection', () => {
  const documents = [
    buildAchievementDocument(achievement('safe-lifting'), issuer),
    buildAchievementDocument(achievement('first-aid'), issuer),
  ];

  it('lists the achievements under VC 2.0, OB 3.0.3 and the Laurel context', () => {
    const collection = buildAchievementCollection(COLLECTION_URL, documents);
    expect(collection).toEqual({
      '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, LAUREL_CONTEXT_URL],
      id: COLLECTION_URL,
      type: ['AchievementCollection'],
      achievements: documents.map(({ '@context': _, ...node }) => node),
    });
    expect(laurelContextUrl(PUBLIC_URL)).toBe(LAUREL_CONTEXT_URL);
    expect(laurelContextUrl(`${PUBLIC_URL}/`)).toBe(LAUREL_CONTEXT_URL);
    expect(buildAchievementCollection(COLLECTION_URL, [])).toMatchObject({ achievements: [] });
  });

  it('derives the Laurel context URL under a public URL with a path', () => {
    const url = 'http://localhost:3000/laurel/issuers/acme/achievements';
    expect(buildAchievementCollection(url, [])['@context']).toEqual([
      VC_V2_CONTEXT,
      OB_V3_CONTEXT,
      'http://localhost:3000/laurel/contexts/laurel/v1.jsonld',
    ]);
  });

  it('expands in safe mode once the loader knows the Laurel context', async () => {
    const collection = buildAchievementCollection(COLLECTION_URL, documents);
    const [node] = await expand(collection, laurelLoader);
    expect(node?.['@id']).toBe(COLLECTION_URL);
    expect(node?.['@type']).toEqual([`${SCHEMA}ItemList`]);
    const items = node?.[`${SCHEMA}itemListElement`] as JsonLdObject[];
    expect(items.map((item) => [item['@id'], item['@type']])).toEqual([
      [`${PUBLIC_URL}/achievements/acme/safe-lifting`, [`${OB}Achievement`]],
      [`${PUBLIC_URL}/achievements/acme/first-aid`, [`${OB}Achievement`]],
    ]);
    // The embedded items keep their full OB meaning under the collection's contexts.
    expect(items[0]?.[`${OB}creator`]).toMatchObject([{ '@id': issuer.did }]);
  });

  it('is checked by an expansion that can fail', async () => {
    const collection = buildAchievementCollection(COLLECTION_URL, documents);
    const error: unknown = await expand(collection, staticLoader).catch((e: unknown) => e);
    expect((error as { details?: { cause?: unknown } }).details?.cause).toBeInstanceOf(
      UnknownDocumentError,
    );
    await expect(expand({ ...collection, total: 2 }, laurelLoader)).rejects.toThrow(/safe mode/i);
  });

  it('keeps the Laurel context protected and byte-for-byte host independent', async () => {
    expect(JSON.stringify(LAUREL_CONTEXT_V1)).not.toMatch(/example\.org|localhost/);
    const redefining = {
      '@context': [LAUREL_CONTEXT_URL, { achievements: 'https://example.org/other' }],
      achievements: [],
    };
    await expect(expand(redefining, laurelLoader)).rejects.toThrow(/protected term/);
  });

  it('refuses items that are not Achievement documents, and a URL of another shape', () => {
    const [first] = documents;
    const cases: [string, JsonLdObject[]][] = [
      ['other contexts', [{ ...first, '@context': [VC_V2_CONTEXT] }]],
      ['not an Achievement', [{ ...first, type: ['Profile'] }]],
      ['no id', [{ ...first, id: undefined }]],
    ];
    for (const [name, items] of cases) {
      expect(() => buildAchievementCollection(COLLECTION_URL, items), name).toThrow(TypeError);
    }
    expect(() => buildAchievementCollection(`${PUBLIC_URL}/achievements`, [])).toThrow(TypeError);
    expect(() => buildAchievementCollection('issuers/acme/achievements', [])).toThrow(TypeError);
  });
});
