import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createDocumentLoader } from '../../src/vc/document-loader.ts';
import { sampleCredential } from '../../src/vc/fixtures/sample-credential.ts';
import type { JsonLdObject } from '../../src/vc/jsonld-types.ts';
import { recipientIdentityHash } from '../../src/vc/credential-document.ts';
import { toPublicKeyMultibase } from '../../src/vc/multikey.ts';
import { signCredential } from '../../src/vc/sign.ts';
import { ed25519Signer } from '../../src/vc/signer.ts';

export interface OtherIssuerCredential {
  did: string;
  /** The signed credential as JSON text, as another platform would hand it out. */
  text: string;
  document: JsonLdObject;
}

/**
 * Whom the credential names: an email address (as an OB 3.0 IdentityObject, hashed with a
 * fresh salt unless `hashed` is false), or only a DID. Without one, it keeps the sample's
 * hashed address, which is nobody's in a test.
 */
export type OtherIssuerRecipient = { email: string; hashed?: boolean } | { did: string };

function nameRecipient(subject: Record<string, unknown>, recipient: OtherIssuerRecipient): void {
  if ('did' in recipient) {
    subject.id = recipient.did;
    delete subject.identifier;
    return;
  }
  const salt = randomBytes(8).toString('base64url');
  subject.identifier = [
    recipient.hashed === false
      ? {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: false,
          identityHash: recipient.email,
        }
      : {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          salt,
          identityHash: recipientIdentityHash(recipient.email, salt),
        },
  ];
}

/**
 * An Open Badges 3.0 credential from an issuer that is not Laurel: a fresh did:key signs the
 * sample credential (without a status entry, which would point at a server that does not
 * exist), naming `recipient`. `edit` changes the credential before it is signed.
 */
export async function otherIssuerCredential(
  opts: { recipient?: OtherIssuerRecipient; edit?: (credential: JsonLdObject) => void } = {},
): Promise<OtherIssuerCredential> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const multibase = await toPublicKeyMultibase(publicKey);
  const did = `did:key:${multibase}`;
  const credential = sampleCredential();
  delete credential.credentialStatus;
  credential.issuer = { id: did, type: ['Profile'], name: 'Elsewhere Academy' };
  const subject = credential.credentialSubject as Record<string, unknown> & {
    name: string;
    achievement: { name: string; creator: { id: string } };
  };
  if (opts.recipient) nameRecipient(subject, opts.recipient);
  subject.achievement.creator.id = did;
  // A unique name and subject per call, so two calls never sign the same document.
  subject.achievement.name = `Elsewhere ${multibase.slice(-6)}`;
  credential.id = `urn:uuid:${randomUUID()}`;
  opts.edit?.(credential);
  const document = await signCredential(credential, {
    signer: ed25519Signer(privateKey, `${did}#${multibase}`),
    documentLoader: createDocumentLoader(),
  });
  return { did, text: JSON.stringify(document), document };
}
