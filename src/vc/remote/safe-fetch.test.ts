// safe-fetch against a local HTTPS server: what it refuses before connecting (every test
// runs under a guard that fails any request not bound for the local server), and the
// limits it holds once connected.
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_MAX_BYTES,
  SafeFetchError,
  isPublicAddress,
  safeFetchJson,
  type SafeFetchErrorCode,
  type SafeFetchOptions,
} from './safe-fetch.ts';
import {
  allowOnlyLocalhostRequests,
  selfSignedCertificate,
  startTestServer,
  type Certificate,
  type TestServer,
} from './test-https-server.ts';

async function failure(promise: Promise<unknown>): Promise<SafeFetchError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SafeFetchError);
  return error as SafeFetchError;
}

async function expectCode(promise: Promise<unknown>, code: SafeFetchErrorCode): Promise<string> {
  const error = await failure(promise);
  expect(error.code, error.message).toBe(code);
  return error.message;
}

const json = (response: ServerResponse, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(200, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

const redirect = (
  response: ServerResponse,
  location: string,
  headers: Record<string, string> = {},
) => {
  response.writeHead(302, { location, ...headers });
  response.end();
};

beforeEach(() => allowOnlyLocalhostRequests());
afterEach(() => vi.restoreAllMocks());

describe('isPublicAddress', () => {
  it('allows public unicast addresses', () => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '93.184.216.34',
      '2606:4700:4700::1111',
      '2a00:1450::1',
    ]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });

  it('refuses private, loopback, link-local, CGNAT, multicast, unspecified, reserved and mapped', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.255.254',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '100.127.255.255',
      '0.0.0.0',
      '224.0.0.1',
      '239.255.255.250',
      '255.255.255.255',
      '240.0.0.1',
      '192.0.2.1',
      '198.18.0.1',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456:789a::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '::ffff:8.8.8.8',
      '64:ff9b::a00:1',
      '2001:db8::1',
      '2002:7f00:1::1',
      '2001::1',
      'localhost',
      'not an address',
      '',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });
});

describe('safeFetchJson refuses before connecting', () => {
  it('URLs that are not https or carry credentials', async () => {
    for (const url of [
      'http://example.org/did.json',
      'ftp://example.org/x',
      'file:///etc/passwd',
      'not a url',
    ]) {
      await expectCode(safeFetchJson(url), 'REFUSED_URL');
    }
    await expectCode(safeFetchJson('https://user:secret@example.org/'), 'REFUSED_URL');
  });

  it('literal addresses that are not public, however they are spelled', async () => {
    for (const url of [
      'https://127.0.0.1/',
      'https://10.1.2.3/',
      'https://169.254.169.254/latest/meta-data/',
      'https://[::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://[fc00::1]/',
      'https://[fd00::1]:8443/',
      'https://0x7f.1/',
      'https://2130706433/',
    ]) {
      const message = await expectCode(safeFetchJson(url), 'REFUSED_ADDRESS');
      expect(message).toMatch(/not a public address/);
    }
  });

  it('a host name any of whose addresses is not public', async () => {
    const lookup =
      (addresses: string[]): SafeFetchOptions['lookup'] =>
      () =>
        Promise.resolve(
          addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
        );
    await expectCode(
      safeFetchJson('https://issuer.example/did.json', { lookup: lookup(['10.0.0.5']) }),
      'REFUSED_ADDRESS',
    );
    await expectCode(
      safeFetchJson('https://issuer.example/did.json', {
        lookup: lookup(['93.184.216.34', '192.168.0.7']),
      }),
      'REFUSED_ADDRESS',
    );
    await expectCode(
      safeFetchJson('https://issuer.example/did.json', {
        lookup: lookup(['2606:4700::1', 'fd00::7']),
      }),
      'REFUSED_ADDRESS',
    );
    // The real resolver, for a name every machine maps to loopback.
    await expectCode(safeFetchJson('https://localhost/did.json'), 'REFUSED_ADDRESS');
  });

  it('reports a name that does not resolve', async () => {
    await expectCode(
      safeFetchJson('https://issuer.example/', {
        lookup: () => Promise.reject(new Error('ENOTFOUND')),
      }),
      'DNS_FAILED',
    );
    await expectCode(
      safeFetchJson('https://issuer.example/', { lookup: () => Promise.resolve([]) }),
      'DNS_FAILED',
    );
  });

  it('times out a DNS lookup that never answers', async () => {
    const message = await expectCode(
      safeFetchJson('https://issuer.example/', {
        lookup: () => new Promise(() => undefined),
        timeoutMs: 100,
      }),
      'TIMEOUT',
    );
    expect(message).toBe('no answer within 100 ms');
  });
});

describe('safeFetchJson against a local HTTPS server', () => {
  let certificate: Certificate;
  let server: TestServer;
  let handler: (
    path: string,
    response: ServerResponse,
    headers: NodeJS.Dict<string | string[]>,
  ) => void;

  beforeAll(async () => {
    certificate = selfSignedCertificate();
    server = await startTestServer(certificate, (request, response) =>
      handler(request.url ?? '/', response, request.headers),
    );
  });
  afterAll(() => server.close());

  const fetch = (path: string, options: SafeFetchOptions = {}) =>
    safeFetchJson(server.url(path), { ...server.fetchOptions, ...options });

  it('the guard stops requests to anywhere else, so refusals above sent nothing', async () => {
    const lookup = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    const error: unknown = await safeFetchJson('https://elsewhere.example/', {
      ...server.fetchOptions,
      lookup,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/test guard/);
  });

  it('fetches and parses JSON, sending no cookie and asking for JSON', async () => {
    const seen: NodeJS.Dict<string | string[]>[] = [];
    handler = (_path, response, headers) => {
      seen.push(headers);
      json(response, { id: 'did:web:localhost', ok: true });
    };
    expect(await fetch('/.well-known/did.json')).toEqual({ id: 'did:web:localhost', ok: true });
    expect(seen[0]).toMatchObject({ accept: 'application/json', 'accept-encoding': 'identity' });
    expect(seen[0]?.cookie).toBeUndefined();
  });

  it('refuses a server whose certificate it does not trust', async () => {
    handler = (_path, response) => json(response, {});
    const message = await expectCode(
      safeFetchJson(server.url('/'), { ...server.fetchOptions, ca: undefined }),
      'NETWORK',
    );
    expect(message).toMatch(/certificate/);
  });

  // The server for this test listens on 127.0.0.2 only. Had the socket resolved
  // "localhost" again itself, it would have reached 127.0.0.1 (or the 10.x second answer).
  it('connects to the vetted address: DNS is asked once per hop and cannot rebind', async () => {
    const pinned = await startTestServer(
      certificate,
      (_request, response) => json(response, { pinned: true }),
      '127.0.0.2',
    );
    try {
      const answers = ['127.0.0.2', '10.0.0.1'];
      let asked = 0;
      const lookup = () => {
        const address = answers[Math.min(asked, answers.length - 1)]!;
        asked += 1;
        return Promise.resolve([{ address, family: 4 }]);
      };
      const options = { ...pinned.fetchOptions, lookup };
      expect(await safeFetchJson(pinned.url('/'), options)).toEqual({ pinned: true });
      expect(asked).toBe(1);
    } finally {
      await pinned.close();
    }
  });

  it('follows up to 3 redirects, re-checking each, and carries no cookie across', async () => {
    const seen: { path: string; cookie: unknown }[] = [];
    handler = (path, response, headers) => {
      seen.push({ path, cookie: headers.cookie });
      const hops = /^\/hops\/(\d+)$/.exec(path);
      if (hops && Number(hops[1]) > 0) {
        redirect(response, `/hops/${Number(hops[1]) - 1}`, { 'set-cookie': 'session=1; Path=/' });
      } else {
        json(response, { arrived: path });
      }
    };
    expect(await fetch('/hops/3')).toEqual({ arrived: '/hops/0' });
    expect(seen.map((s) => s.path)).toEqual(['/hops/3', '/hops/2', '/hops/1', '/hops/0']);
    expect(seen.every((s) => s.cookie === undefined)).toBe(true);
    await expectCode(fetch('/hops/4'), 'TOO_MANY_REDIRECTS');
  });

  it('refuses a redirect to http:, to a private address, or to a name that resolves to one', async () => {
    const targets = new Map([
      ['/to-http', 'http://localhost/x'],
      ['/to-private', 'https://10.0.0.1/x'],
      ['/to-metadata', 'https://169.254.169.254/latest/meta-data/'],
      ['/to-internal', 'https://internal.example/x'],
    ]);
    handler = (path, response) => redirect(response, targets.get(path) ?? '/');
    const lookup = (hostname: string) =>
      Promise.resolve([
        { address: hostname === 'localhost' ? '127.0.0.1' : '192.168.0.10', family: 4 },
      ]);
    await expectCode(fetch('/to-http'), 'REFUSED_URL');
    await expectCode(fetch('/to-private'), 'REFUSED_ADDRESS');
    await expectCode(fetch('/to-metadata'), 'REFUSED_ADDRESS');
    await expectCode(fetch('/to-internal', { lookup }), 'REFUSED_ADDRESS');
  });

  it('refuses a body over the cap, declared or streamed', async () => {
    const big = JSON.stringify({ filler: 'x'.repeat(DEFAULT_MAX_BYTES) });
    handler = (path, response) => {
      if (path === '/declared') {
        response.writeHead(200, { 'content-length': Buffer.byteLength(big) });
        response.end(big);
        return;
      }
      // Chunked, with no length announced: the cap must hold while reading.
      response.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < big.length; i += 16_384) response.write(big.slice(i, i + 16_384));
      response.end();
    };
    await expectCode(fetch('/declared'), 'TOO_LARGE');
    const message = await expectCode(fetch('/streamed'), 'TOO_LARGE');
    expect(message).toBe(`the response is larger than ${DEFAULT_MAX_BYTES} bytes`);
    await expectCode(fetch('/streamed', { maxBytes: 1024 }), 'TOO_LARGE');
    expect(await fetch('/streamed', { maxBytes: 2 * DEFAULT_MAX_BYTES })).toHaveProperty('filler');
  });

  it('times out a server that never answers, or answers forever', async () => {
    handler = (path, response) => {
      if (path === '/drip') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('[');
        const timer = setInterval(() => response.write('0,'), 20);
        response.on('close', () => clearInterval(timer));
      }
      // '/silent': no answer at all.
    };
    for (const path of ['/silent', '/drip']) {
      const started = Date.now();
      await expectCode(fetch(path, { timeoutMs: 300 }), 'TIMEOUT');
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });

  it('reports other statuses and bodies that are not JSON', async () => {
    handler = (path, response) => {
      if (path === '/missing') {
        response.writeHead(404);
        response.end('not found');
      } else if (path === '/no-location') {
        response.writeHead(302);
        response.end();
      } else if (path === '/html') {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html></html>');
      } else {
        response.writeHead(200);
        response.end(Buffer.from([0x22, 0xff, 0xfe, 0x22]));
      }
    };
    expect(await expectCode(fetch('/missing'), 'HTTP_STATUS')).toMatch(/HTTP 404/);
    await expectCode(fetch('/no-location'), 'HTTP_STATUS');
    await expectCode(fetch('/html'), 'NOT_JSON');
    await expectCode(fetch('/not-utf8'), 'NOT_JSON');
  });
});
