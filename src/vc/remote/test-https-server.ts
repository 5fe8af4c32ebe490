// Tests only: an HTTPS server on a loopback address with a throwaway certificate for "localhost",
// and the safe-fetch options that reach it (and nothing else on this machine). Node cannot
// make X.509 certificates, so the certificate comes from the openssl command line.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https, { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { isPublicAddress, type SafeFetchOptions } from './safe-fetch.ts';

export interface Certificate {
  key: string;
  cert: string;
}

/** A one-day self-signed P-256 certificate for localhost. */
export function selfSignedCertificate(): Certificate {
  const dir = mkdtempSync(join(tmpdir(), 'laurel-tls-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost',
      ],
      { stdio: 'pipe' },
    );
    return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
  } catch (error) {
    throw new Error(
      `the HTTPS tests need the openssl command to make a certificate: ${(error as Error).message}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface TestServer {
  port: number;
  /** https://localhost:PORT + path */
  url(path: string): string;
  /** Options under which safe-fetch reaches this server as "localhost", and only it. */
  fetchOptions: SafeFetchOptions;
  close(): Promise<void>;
}

/** Listens on `host` (any 127/8 address), which the test DNS gives as localhost's address. */
export async function startTestServer(
  certificate: Certificate,
  handler: Handler,
  host = '127.0.0.1',
): Promise<TestServer> {
  const server = createServer(certificate, handler);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (path) => `https://localhost:${port}${path}`,
    fetchOptions: {
      ca: certificate.cert,
      lookup: (hostname) =>
        hostname === 'localhost'
          ? Promise.resolve([{ address: host, family: 4 }])
          : Promise.reject(new Error(`test DNS does not know ${hostname}`)),
      isAllowedAddress: (address) => address === host || isPublicAddress(address),
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Makes every https.request in this test process fail unless it goes to "localhost" (which
 * the test DNS pins to 127.0.0.1). A vetting bug then shows as a failed test, never as a
 * packet to a private or public address. Undo with vi.restoreAllMocks().
 */
export function allowOnlyLocalhostRequests(): void {
  const request = https.request.bind(https);
  vi.spyOn(https, 'request').mockImplementation(((url: URL, options: https.RequestOptions) => {
    if (!(url instanceof URL) || url.hostname !== 'localhost') {
      throw new Error(`test guard: no request to ${String(url)} may leave this test`);
    }
    return request(url, options);
  }) as typeof https.request);
}
