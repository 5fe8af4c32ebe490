// The CredentialDocuments port: turns Laurel's records into signed OB 3.0 credentials and
// Bitstring status lists. The private key never leaves the KeyVault; the Signer only asks
// it for a signature over the canonical bytes.
import type { Badge, Organization } from '../core/entities.ts';
import type { CredentialDocuments } from '../core/ports/credential-documents.ts';
import type { KeyVault } from '../core/ports/key-vault.ts';
import type { SigningKeyForUse } from '../core/ports/stores/signing-keys.ts';
import {
  achievementUrl,
  badgeImageUrl,
  organizationLogoUrl,
  statusListUrl,
} from '../core/public-urls.ts';
import { issuerDid, keyBinding, verificationMethodId } from '../core/signing-keys/issuer-did.ts';
import { shapeCanonize } from './canonize.ts';
import { buildCredentialDocument, newIdentitySalt } from './credential-document.ts';
import { createDocumentLoader } from './document-loader.ts';
import type { AchievementFacts, IssuerFacts } from './facts.ts';
import type { Canonize, Signer } from './jsonld-types.ts';
import { signCredential } from './sign.ts';
import { StatusBitstring, buildStatusListCredential } from './status-list.ts';

export interface LaurelDocumentsOptions {
  publicUrl: string;
  keyVault: KeyVault;
  /** The shape canonicalizer unless a test asks for another; all give identical N-Quads. */
  canonize?: Canonize;
}

export function issuerFacts(publicUrl: string, org: Organization): IssuerFacts {
  return {
    did: issuerDid(publicUrl, org.slug),
    name: org.name,
    url: org.website,
    description: org.description,
    imageUrl: org.logoPath ? organizationLogoUrl(publicUrl, org.id) : null,
    email: null,
  };
}

/** A badge as the Achievement of its credentials and of /achievements/{org}/{badge}. */
export function achievementFacts(
  publicUrl: string,
  org: Organization,
  badge: Badge,
): AchievementFacts {
  return {
    id: achievementUrl(publicUrl, org.slug, badge.slug),
    name: badge.name,
    description: badge.description,
    criteria: badge.criteria,
    imageUrl: badge.imagePath ? badgeImageUrl(publicUrl, badge.id) : null,
    tags: badge.tags,
    externalUrl: badge.externalUrl,
  };
}

function vaultSigner(
  vault: KeyVault,
  org: Organization,
  publicUrl: string,
  { key, sealedPrivateKey }: SigningKeyForUse,
): Signer {
  const binding = keyBinding(org.id, key.keyId);
  return {
    id: verificationMethodId(issuerDid(publicUrl, org.slug), key.keyId),
    algorithm: 'Ed25519',
    sign: ({ data }) => vault.sign(sealedPrivateKey, binding, data),
  };
}

export function createLaurelDocuments({
  publicUrl,
  keyVault,
  canonize = shapeCanonize,
}: LaurelDocumentsOptions): CredentialDocuments {
  const documentLoader = createDocumentLoader();
  const sign = (document: Parameters<typeof signCredential>[0], signer: Signer) =>
    signCredential(document, { signer, documentLoader, canonize });

  return {
    async signCredential(c, key) {
      const { organization: org, badge } = c;
      const document = buildCredentialDocument({
        id: c.credentialId,
        issuer: issuerFacts(publicUrl, org),
        validFrom: c.issuedAt,
        validUntil: c.expiresAt,
        recipient: { name: c.recipientName, email: c.recipientEmail, salt: newIdentitySalt() },
        achievement: achievementFacts(publicUrl, org, badge),
        evidenceUrl: c.evidenceUrl,
        status: {
          listUrl: statusListUrl(publicUrl, org.slug, c.status.listNumber),
          index: c.status.index,
        },
      });
      const signed = await sign(document, vaultSigner(keyVault, org, publicUrl, key));
      // The OB 3.0 JSON Schema wants `proof` as an array; in JSON-LD one proof and a
      // one-element set are the same graph, so the signature covers either form.
      return JSON.stringify({ ...signed, proof: [signed.proof] });
    },

    async signStatusList(l, key) {
      const bits = StatusBitstring.create(l.length);
      for (const index of l.revokedIndexes) bits.set(index, true);
      const document = buildStatusListCredential({
        id: statusListUrl(publicUrl, l.organization.slug, l.listNumber),
        issuer: issuerDid(publicUrl, l.organization.slug),
        validFrom: l.validFrom,
        purpose: 'revocation',
        encodedList: bits.encode(),
      });
      const signed = await sign(document, vaultSigner(keyVault, l.organization, publicUrl, key));
      return JSON.stringify(signed);
    },
  };
}
