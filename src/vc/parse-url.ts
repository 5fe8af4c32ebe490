/**
 * `new URL(value)`, or undefined where it would throw. Not URL.canParse: on Node 20 its V8
 * fast path misreads one-byte strings holding Latin-1 letters once it is hot, so after a few
 * thousand calls a valid URL such as https://bücher.example/café answers false.
 */
export function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
