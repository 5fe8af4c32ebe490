/**
 * Values that end up in mail headers (subjects, display names) come partly from people:
 * organization names, inviter names. A CR or LF in them could start a new header
 * ("\r\nBcc: …"), so control characters and line/paragraph separators become spaces before
 * any header is built; nodemailer then encodes what is left.
 */
const UNSAFE_IN_HEADER = /[\p{Cc}\u2028\u2029]+/gu;

export function headerSafe(value: string, maxLength = 200): string {
  const flat = value.replace(UNSAFE_IN_HEADER, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1).trimEnd()}…` : flat;
}

/**
 * A single plain address (no display name, no list). Anything else is refused rather than
 * handed to an address parser that could read it as several recipients.
 */
export function isSingleAddress(value: string): boolean {
  return (
    /^[^\s@,;:<>()[\]"\\\p{Cc}]+@[^\s@,;:<>()[\]"\\\p{Cc}]+$/u.test(value) && value.length <= 254
  );
}
