// Fetches JSON from other issuers' servers (DID documents, status lists) at URLs that come
// out of credentials anyone can hand us, so a credential must not be able to aim Laurel at
// its own network or stall it: HTTPS only, every hop's addresses vetted before connecting
// and the socket pinned to the vetted address (a second DNS answer cannot rebind it), a
// total deadline, a byte cap enforced while reading, few redirects, no cookies. node:https
// directly, because Node 20's fetch cannot pin the address without the undici package.
import { lookup as dnsLookup } from 'node:dns/promises';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';

const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_BYTES = 256 * 1024;
const MAX_REDIRECTS = 3;

export type SafeFetchErrorCode =
  /** Not an https URL, or one carrying a user name or password. */
  | 'REFUSED_URL'
  /** The host is, or resolves to, an address that is not public unicast. */
  | 'REFUSED_ADDRESS'
  | 'DNS_FAILED'
  /** Connection, TLS or protocol failure. */
  | 'NETWORK'
  | 'TIMEOUT'
  /** A final status other than 200, or a redirect without a Location. */
  | 'HTTP_STATUS'
  | 'TOO_LARGE'
  | 'TOO_MANY_REDIRECTS'
  | 'NOT_JSON';

export class SafeFetchError extends Error {
  constructor(
    readonly code: SafeFetchErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SafeFetchError';
  }
}

interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address of a host name, as `dns.lookup(host, { all: true })` gives them. */
type LookupAll = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface SafeFetchOptions {
  /** For the whole fetch, redirects and DNS included. */
  timeoutMs?: number;
  maxBytes?: number;
  accept?: string;
  /** Tests only: answers DNS for made-up names. */
  lookup?: LookupAll;
  /** Tests only: a CA to trust on top of Node's roots, for a local test server. */
  ca?: string | Buffer;
  /** Tests only: lets a local test server on 127.0.0.1 through. Defaults to isPublicAddress. */
  isAllowedAddress?: (address: string) => boolean;
}

/** JSON at an https URL, with the limits the caller may change per call (a status list is larger). */
export type FetchJson = (url: string, limits?: { maxBytes?: number }) => Promise<unknown>;

// Special-purpose ranges (IANA IPv4/IPv6 special-purpose registries) a public server never
// has. IPv4-mapped IPv6 addresses are matched against the IPv4 rules by BlockList.
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['2001::', 23], // IETF protocol assignments, Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4, which embeds an IPv4 address of any kind
  ['3fff::', 20], // documentation
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}
// Outside 2000::/3 lie ::1, ::, IPv4-mapped and NAT64, fc00::/7, fe80::/10 and multicast.
const GLOBAL_UNICAST_V6 = new BlockList();
GLOBAL_UNICAST_V6.addSubnet('2000::', 3, 'ipv6');

/** True for a public unicast IP address, the only kind Laurel connects to. */
export function isPublicAddress(address: string): boolean {
  switch (isIP(address)) {
    case 4:
      return !NOT_PUBLIC.check(address, 'ipv4');
    case 6:
      return GLOBAL_UNICAST_V6.check(address, 'ipv6') && !NOT_PUBLIC.check(address, 'ipv6');
    default:
      return false;
  }
}

const defaultLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function checkedUrl(href: string): URL {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    throw new SafeFetchError('REFUSED_URL', `${JSON.stringify(href)} is not a URL`);
  }
  if (url.protocol !== 'https:') {
    throw new SafeFetchError('REFUSED_URL', `${url.protocol} URLs are not fetched, only https:`);
  }
  if (url.username || url.password) {
    throw new SafeFetchError('REFUSED_URL', 'URLs with credentials are not fetched');
  }
  url.hash = '';
  return url;
}

/** The address to connect to: every address of the host must be allowed, not just one. */
async function vettedAddress(url: URL, options: SafeFetchOptions): Promise<ResolvedAddress> {
  const allowed = options.isAllowedAddress ?? isPublicAddress;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(host);
  let addresses: readonly ResolvedAddress[];
  if (literal !== 0) {
    addresses = [{ address: host, family: literal }];
  } else {
    try {
      addresses = await (options.lookup ?? defaultLookup)(host);
    } catch (error) {
      throw new SafeFetchError('DNS_FAILED', `${host} did not resolve: ${message(error)}`, {
        cause: error,
      });
    }
    if (addresses.length === 0) throw new SafeFetchError('DNS_FAILED', `${host} has no address`);
  }
  const refused = addresses.find((a) => !allowed(a.address));
  if (refused) {
    throw new SafeFetchError(
      'REFUSED_ADDRESS',
      `${host} is at ${refused.address}, which is not a public address`,
    );
  }
  return addresses[0]!;
}

/** Hands the socket the vetted address whatever it asks, so DNS is never consulted twice. */
function pinnedLookup({ address, family }: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

function get(
  url: URL,
  pinned: ResolvedAddress,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const request = https.request(url, {
      method: 'GET',
      headers: {
        accept: options.accept ?? 'application/json',
        'accept-encoding': 'identity',
        'user-agent': 'Laurel',
      },
      // No pooled sockets: each hop connects to the address vetted for it, and nothing
      // (cookies included) carries over between requests.
      agent: false,
      lookup: pinnedLookup(pinned),
      minVersion: 'TLSv1.2',
      ...(options.ca ? { ca: [...rootCertificates, options.ca.toString()] } : {}),
      signal,
    });
    request.once('response', (response) => {
      // Reading reports a broken body; this keeps one destroyed unread from crashing the process.
      response.on('error', () => undefined);
      resolve(response);
    });
    // `on`, not `once`: a socket can fail more than once, and an unheard error is fatal.
    request.on('error', (error) =>
      reject(
        signal.aborted
          ? new SafeFetchError('TIMEOUT', 'timed out')
          : new SafeFetchError('NETWORK', `${url.host}: ${message(error)}`, { cause: error }),
      ),
    );
    request.end();
  });
}

async function readCapped(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new SafeFetchError('TOO_LARGE', `the response is larger than ${maxBytes} bytes`);
  if (Number(response.headers['content-length'] ?? 0) > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response) {
      const buffer = chunk as Buffer;
      total += buffer.length;
      if (total > maxBytes) {
        response.destroy();
        throw tooLarge();
      }
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof SafeFetchError) throw error;
    throw new SafeFetchError('NETWORK', `the response broke off: ${message(error)}`, {
      cause: error,
    });
  }
  return Buffer.concat(chunks);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new SafeFetchError('NOT_JSON', 'the response is not JSON');
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

async function fetchFollowing(
  href: string,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<unknown> {
  let url = checkedUrl(href);
  for (let redirects = 0; ; redirects += 1) {
    const response = await get(url, await vettedAddress(url, options), options, signal);
    const status = response.statusCode ?? 0;
    if (REDIRECTS.has(status)) {
      response.destroy();
      const location = response.headers.location;
      if (!location) throw new SafeFetchError('HTTP_STATUS', `HTTP ${status} without a Location`);
      if (redirects >= MAX_REDIRECTS) {
        throw new SafeFetchError('TOO_MANY_REDIRECTS', `more than ${MAX_REDIRECTS} redirects`);
      }
      url = checkedUrl(new URL(location, url).href);
      continue;
    }
    if (status !== 200) {
      response.destroy();
      throw new SafeFetchError('HTTP_STATUS', `${url.host} answered HTTP ${status}`);
    }
    return parseJson(await readCapped(response, options.maxBytes ?? DEFAULT_MAX_BYTES));
  }
}

/**
 * GETs `url` and parses the body as JSON, within the limits above. Throws a SafeFetchError
 * whose message is a short reason fit for a verification report.
 */
export async function safeFetchJson(url: string, options: SafeFetchOptions = {}): Promise<unknown> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    // The race also covers the DNS lookup, which an abort signal cannot cancel.
    return await new Promise<unknown>((resolve, reject) => {
      controller.signal.addEventListener(
        'abort',
        () => reject(new SafeFetchError('TIMEOUT', `no answer within ${timeoutMs} ms`)),
        { once: true },
      );
      fetchFollowing(url, options, controller.signal).then(resolve, reject);
    });
  } finally {
    clearTimeout(timer);
    // Ends a response still streaming after an error elsewhere; a no-op once settled.
    controller.abort();
  }
}

/** A FetchJson over safeFetchJson with fixed options (production passes none). */
export function createSafeFetchJson(defaults: SafeFetchOptions = {}): FetchJson {
  return (url, limits) => safeFetchJson(url, { ...defaults, ...limits });
}
