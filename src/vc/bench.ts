// `npm run bench:vc`: signing and verifying one typical credential per second on one core,
// Laurel's engine next to the standard digitalbazaar stack in the same run, with raw
// Ed25519 for reference. Each signature is over a new document (a fresh id), so nothing is
// reused but what a real issuing run reuses. Measured with tinybench; BENCH_MS sets the
// time per row (default 3000 ms).
import { randomUUID, generateKeyPairSync, sign, verify } from 'node:crypto';
import os from 'node:os';
import { Bench } from 'tinybench';
import { shapeCanonize } from './canonize.ts';
import { createDocumentLoader } from './document-loader.ts';
import { stockSign, stockVerify } from './fixtures/stock-stack.ts';
import { sampleCredential, sampleIssuer } from './fixtures/sample-credential.ts';
import type { JsonLdObject } from './jsonld-types.ts';
import { resolverFromControllerDocuments } from './key-resolver.ts';
import { signCredential } from './sign.ts';
import { verifyCredentialProof } from './verify.ts';

const time = Number(process.env.BENCH_MS ?? 3000);
const documentLoader = createDocumentLoader();
const issuer = await sampleIssuer();
const resolveKey = resolverFromControllerDocuments([issuer.didDocument]);
const created = new Date('2026-01-01T00:00:00Z');
const fresh = (): JsonLdObject => ({ ...sampleCredential(), id: `urn:uuid:${randomUUID()}` });

const laurelSign = (credential: JsonLdObject) =>
  signCredential(credential, {
    signer: issuer.signer,
    documentLoader,
    canonize: shapeCanonize,
    created,
  });
const signed = await laurelSign(fresh());
const laurelVerify = async () => {
  const check = await verifyCredentialProof(signed, {
    resolveKey,
    documentLoader,
    canonize: shapeCanonize,
  });
  if (!check.verified) throw new Error(check.message);
};
const standardVerify = async () => {
  if (!(await stockVerify(signed, issuer.didDocument, documentLoader))) {
    throw new Error('the standard stack rejected the benchmark credential');
  }
};
await laurelVerify();
await standardVerify();

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const message = Buffer.alloc(64, 7); // eddsa-rdfc-2022 signs two SHA-256 digests: 64 bytes
const signature = sign(null, message, privateKey);

const bench = new Bench({ time, warmupTime: Math.min(1000, time / 3) });
bench
  .add('sign: Laurel', () => laurelSign(fresh()))
  .add('sign: standard stack', () => stockSign(fresh(), issuer.signer, documentLoader, created))
  .add('verify: Laurel', laurelVerify)
  .add('verify: standard stack', standardVerify)
  .add('raw Ed25519 sign (node:crypto)', () => sign(null, message, privateKey))
  .add('raw Ed25519 verify (node:crypto)', () => verify(null, message, publicKey, signature));
await bench.run();

const perSecond = new Map<string, number>();
for (const task of bench.tasks) {
  const { result } = task;
  if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
  perSecond.set(task.name, 1000 / result.period);
}
const rate = (name: string) => perSecond.get(name)!;
const format = (n: number) => Math.round(n).toLocaleString('en-US').padStart(9);

console.log(`${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores,`);
console.log(
  `node ${process.version}; one core; typical credential ${JSON.stringify(signed).length} bytes JSON\n`,
);
console.log(`${''.padEnd(14)}${'Laurel/s'.padStart(9)} ${'standard/s'.padStart(11)}  ratio`);
for (const op of ['sign', 'verify'] as const) {
  const ours = rate(`${op}: Laurel`);
  const standard = rate(`${op}: standard stack`);
  console.log(
    `${`${op}`.padEnd(14)}${format(ours)} ${format(standard).padStart(11)}  ${(ours / standard).toFixed(1)}×`,
  );
}
console.log(
  `\nraw Ed25519 (node:crypto): ${format(rate('raw Ed25519 sign (node:crypto)')).trim()} signs/s, ` +
    `${format(rate('raw Ed25519 verify (node:crypto)')).trim()} verifies/s`,
);
