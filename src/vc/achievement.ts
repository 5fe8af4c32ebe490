// The OB 3.0 Achievement: the node a credential embeds, the standalone public document at
// /achievements/{org-slug}/{badge-slug}, and the issuer's list of them at
// /issuers/{slug}/achievements. The input checks live here too because every document
// that carries an Achievement or an issuer Profile goes through them.
import { NOT_IN_IRI } from '../core/organizations/organization-input.ts';
import { refusedControl } from '../core/signed-text.ts';
import type { AchievementFacts, IssuerFacts } from './facts.ts';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './document-loader.ts';
import { issuerProfileNode } from './issuer-profile.ts';
import type { JsonLdObject } from './jsonld-types.ts';
import { laurelContextUrl } from './laurel-context.ts';
import { parseUrl } from './parse-url.ts';

/** DID syntax (DID Core §3.1): method name, then idchars and colons, not ending in one. */
const DID =
  /^did:[a-z0-9]+:(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2}|:)*(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * Text every verifier canonicalizes alike (see core/signed-text.ts), or a TypeError naming
 * the field: the core normalises or refuses control characters on input, so one reaching a
 * builder is a bug (or a record written before that rule), never something to sign.
 */
function requireSignableText(value: string, field: string): string {
  const codePoint = refusedControl(value);
  if (codePoint !== undefined) {
    throw new TypeError(`${field} holds a control character (${codePoint})`);
  }
  return value;
}

/** A non-empty (not only whitespace) signable string, or a TypeError naming the field. */
export function requireText(value: string, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`${field} must be a non-empty string`);
  }
  return requireSignableText(value, field);
}

/** An absolute http(s) URL usable as an IRI, or a TypeError naming the field. */
export function requireHttpUrl(value: string, field: string): string {
  const url = typeof value === 'string' && !NOT_IN_IRI.test(value) ? parseUrl(value) : undefined;
  if (!url) {
    throw new TypeError(`${field} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  const { protocol } = url;
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new TypeError(`${field} must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** An email address in the loosest shape that is still one (user@host, no spaces). */
export function requireEmail(value: string, field: string): string {
  if (typeof value !== 'string' || !EMAIL.test(value)) {
    throw new TypeError(`${field} must be an email address, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The issuer's Profile node, after checking the facts that would make it a bad one. */
export function issuerNode(issuer: IssuerFacts): JsonLdObject {
  if (typeof issuer.did !== 'string' || !DID.test(issuer.did)) {
    throw new TypeError(`issuer.did must be a DID, got ${JSON.stringify(issuer.did)}`);
  }
  requireText(issuer.name, 'issuer.name');
  if (issuer.description) requireSignableText(issuer.description, 'issuer.description');
  if (issuer.url !== null) requireHttpUrl(issuer.url, 'issuer.url');
  if (issuer.imageUrl !== null) requireHttpUrl(issuer.imageUrl, 'issuer.imageUrl');
  if (issuer.email !== null) requireEmail(issuer.email, 'issuer.email');
  return issuerProfileNode(issuer);
}

/** `tag` is a set in the OB context: a repeated tag is one fact, so it is written once. */
function tags(values: readonly string[]): string[] {
  values.forEach((tag, i) => requireText(tag, `achievement.tags[${i}]`));
  return [...new Set(values)];
}

/**
 * The Achievement node a credential embeds (no `@context`), with `creator` the issuer's
 * Profile. `externalUrl` is left out on purpose: it stays editable after issuance and is
 * no part of a signed credential; only the standalone document carries it.
 */
export function achievementNode(a: AchievementFacts, creator: IssuerFacts): JsonLdObject {
  requireHttpUrl(a.id, 'achievement.id');
  requireText(a.name, 'achievement.name');
  requireText(a.description, 'achievement.description');
  requireText(a.criteria, 'achievement.criteria');
  if (a.imageUrl !== null) requireHttpUrl(a.imageUrl, 'achievement.imageUrl');
  const tag = tags(a.tags);
  return {
    id: a.id,
    type: ['Achievement'],
    name: a.name,
    description: a.description,
    criteria: { narrative: a.criteria },
    ...(a.imageUrl ? { image: { id: a.imageUrl, type: 'Image' } } : {}),
    ...(tag.length > 0 ? { tag } : {}),
    creator: issuerNode(creator),
  };
}

/**
 * The public Achievement document. OB 3.0 defines no Achievement property for "the
 * issuer's own page about this badge"; the OB 3.0.3 context's top-level `url`
 * (schema:url, as a Profile uses it) says exactly that, so `externalUrl` is written as
 * `url` here. This document is unsigned and served live, so an edited URL shows at once.
 */
export function buildAchievementDocument(a: AchievementFacts, creator: IssuerFacts): JsonLdObject {
  if (a.externalUrl !== null) requireHttpUrl(a.externalUrl, 'achievement.externalUrl');
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    ...achievementNode(a, creator),
    ...(a.externalUrl ? { url: a.externalUrl } : {}),
  };
}

const COLLECTION_PATH = /^(.*)\/issuers\/[^/]+\/achievements$/;

function sameContexts(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    value[0] === VC_V2_CONTEXT &&
    value[1] === OB_V3_CONTEXT
  );
}

/**
 * The issuer's achievements as one document (`AchievementCollection`, defined by the
 * Laurel context; OB 3.0 has no list type). `collectionUrl` must be
 * `${publicUrl}/issuers/{slug}/achievements`: the Laurel context URL is derived from it.
 * Items are `buildAchievementDocument` results; their `@context`, the collection's own
 * first two, is dropped so each item reads under the collection's.
 */
export function buildAchievementCollection(
  collectionUrl: string,
  achievements: readonly JsonLdObject[],
): JsonLdObject {
  requireHttpUrl(collectionUrl, 'collectionUrl');
  const publicUrl = COLLECTION_PATH.exec(collectionUrl)?.[1];
  if (publicUrl === undefined) {
    throw new TypeError(`collectionUrl must end in /issuers/{slug}/achievements: ${collectionUrl}`);
  }
  const items = achievements.map((document, i) => {
    const { '@context': context, ...node } = document;
    const types: unknown = node.type;
    if (
      !sameContexts(context) ||
      typeof node.id !== 'string' ||
      !Array.isArray(types) ||
      !types.includes('Achievement')
    ) {
      throw new TypeError(`achievements[${i}] is not an Achievement document`);
    }
    return node;
  });
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, laurelContextUrl(publicUrl)],
    id: collectionUrl,
    type: ['AchievementCollection'],
    achievements: items,
  };
}
