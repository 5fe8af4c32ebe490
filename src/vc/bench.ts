// Signing and verifying throughput for a typical credential next to raw Ed25519, warm, one
// at a time (one core). Run: npx tsx src/vc/bench.ts. Bounded: about 2 s per measurement.
import { generateKeyPairSync, sign } from 'node:crypto';
import { createDocumentLoader } from './document-loader.ts';
import { sampleCredential, sampleIssuer } from './fixtures/sample-credential.ts';
import { resolverFromControllerDocuments } from './key-resolver.ts';
import { signCredential } from './sign.ts';
import { verifyCredentialProof } from './verify.ts';

const WARMUP_MS = 500;
const MEASURE_MS = 2000;
const MAX_ITERATIONS = 1_000_000;

/** Operations per second of `op`, after a warm-up so JIT and context caches are hot. */
async function rate(op: () => unknown): Promise<number> {
  for (const budget of [WARMUP_MS, MEASURE_MS]) {
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < budget && n < MAX_ITERATIONS) {
      await op();
      n += 1;
    }
    if (budget === MEASURE_MS) return (n * 1000) / (performance.now() - start);
  }
  return 0;
}

const documentLoader = createDocumentLoader();
const issuer = await sampleIssuer();
const credential = sampleCredential();
const signed = await signCredential(credential, { signer: issuer.signer, documentLoader });
const resolveKey = resolverFromControllerDocuments([issuer.didDocument]);
const check = await verifyCredentialProof(signed, { resolveKey, documentLoader });
if (!check.verified) throw new Error(`benchmark credential does not verify: ${check.message}`);

const rawKey = generateKeyPairSync('ed25519').privateKey;
const message = Buffer.alloc(64, 7); // eddsa-rdfc-2022 signs two SHA-256 digests: 64 bytes

const results = {
  'credentials signed/s': await rate(() =>
    signCredential(credential, { signer: issuer.signer, documentLoader }),
  ),
  'credentials verified/s': await rate(() =>
    verifyCredentialProof(signed, { resolveKey, documentLoader }),
  ),
  'raw Ed25519 signs/s (node:crypto)': await rate(() => sign(null, message, rawKey)),
};

console.log(
  `typical credential: ${JSON.stringify(signed).length} bytes JSON; node ${process.version}`,
);
for (const [name, perSecond] of Object.entries(results)) {
  console.log(`${name.padEnd(36)} ${Math.round(perSecond).toLocaleString('en-US').padStart(10)}`);
}
