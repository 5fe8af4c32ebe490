import { expect } from 'vitest';
import { TEST_PASSWORD } from '../factories/index.ts';
import { WebClient } from './http-client.ts';

/** A client signed in as `email` through the real sign-in form. */
export async function signedInClient(
  baseUrl: string,
  email: string,
  password = TEST_PASSWORD,
): Promise<WebClient> {
  const client = new WebClient(baseUrl);
  await client.get('/login');
  const res = await client.post('/login', { email, password });
  expect(res.status, res.html.slice(0, 500)).toBe(303);
  expect(client.hasSession()).toBe(true);
  return client;
}
