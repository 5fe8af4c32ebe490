// Laurel's own JSON-LD context, for the one public document Open Badges 3.0 has no type
// for: the list of an issuer's achievements at /issuers/{slug}/achievements. Credentials
// never name it (they use only VC 2.0 + OB 3.0.3), so no signature depends on it.
//
// Where the terms point: to schema.org, not to a Laurel vocabulary. A vocabulary under
// `${publicUrl}/contexts/laurel/v1#` would give the same concept a different IRI on every
// deployment (a consumer could not recognise "a Laurel achievement list" across hosts) and
// would make the context's bytes differ per host; a fixed namespace Laurel does not own
// (a w3id.org path nobody registered, a `.invalid` host) would squat or never resolve.
// schema.org's ItemList / itemListElement already mean "a list of things" and OB 3.0
// itself maps name, description, url and tag to schema.org, so the document reads as
// plain schema.org to any consumer, and this context is byte-for-byte the same on every
// host: only the URL it is served at (`laurelContextUrl`) depends on the public URL.
import type { JsonLdObject } from './jsonld-types.ts';

/** Where a Laurel instance serves `LAUREL_CONTEXT_V1`. */
export function laurelContextUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/contexts/laurel/v1.jsonld`;
}

/**
 * The context document (what `laurelContextUrl` returns). Protected like the VC and OB
 * contexts, so a later context cannot quietly redefine its terms. `id` and `type` repeat
 * the VC 2.0 aliases verbatim (an identical redefinition of a protected term is allowed),
 * so the context also works on its own. `achievements` takes embedded Achievement nodes or
 * their URLs.
 */
export const LAUREL_CONTEXT_V1: JsonLdObject = {
  '@context': {
    '@protected': true,
    id: '@id',
    type: '@type',
    AchievementCollection: 'https://schema.org/ItemList',
    achievements: {
      '@id': 'https://schema.org/itemListElement',
      '@type': '@id',
      '@container': '@set',
    },
  },
};
