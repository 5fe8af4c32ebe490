import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createDocumentLoader } from '../../src/vc/document-loader.ts';
import { sampleCredential } from '../../src/vc/fixtures/sample-credential.ts';
import type { JsonLdObject } from '../../src/vc/jsonld-types.ts';
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
 * An Open Badges 3.0 credential from an issuer that is not Laurel: a fresh did:key signs the
 * sample credential (without a status entry, which would point at a server that does not
 * exist). `edit` changes the credential before it is signed.
 */
export async function otherIssuerCredential(
  edit: (credential: JsonLdObject) => void = () => {},
): Promise<OtherIssuerCredential> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const multibase = await toPublicKeyMultibase(publicKey);
  const did = `did:key:${multibase}`;
  const credential = sampleCredential();
  delete credential.credentialStatus;
  credential.issuer = { id: did, type: ['Profile'], name: 'Elsewhere Academy' };
  const subject = credential.credentialSubject as {
    name: string;
    achievement: { name: string; creator: { id: string } };
  };
  subject.achievement.creator.id = did;
  // A unique name and subject per call, so two calls never sign the same document.
  subject.achievement.name = `Elsewhere ${multibase.slice(-6)}`;
  credential.id = `urn:uuid:${randomUUID()}`;
  edit(credential);
  const document = await signCredential(credential, {
    signer: ed25519Signer(privateKey, `${did}#${multibase}`),
    documentLoader: createDocumentLoader(),
  });
  return { did, text: JSON.stringify(document), document };
}
