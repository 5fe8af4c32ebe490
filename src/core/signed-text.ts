// Text that ends up in a signed credential (badge name, description, criteria, skills,
// recipient name, organization name and description). Every verifier must canonicalize it
// to the same N-Quads, and implementations disagree on control characters: rdf-canonize 4
// (RDFC-1.0) escapes them differently from the URDNA2015 implementations many deployed
// verifiers still run, so a credential holding one verifies for some and fails for others.
// LF is escaped the same way by both and is kept. A tab or a CR has a harmless equivalent
// people mean when they paste one, so it is rewritten; any other control is refused.
import type { z } from 'zod';

/** What signed text may not hold once normalised: C0 controls but LF, and DEL. */
const REFUSED_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

/** CRLF and lone CR become LF, a tab becomes one space; nothing else changes. */
export function normalizeSignedText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
}

/**
 * The first character signed text may not hold, written as `U+0007`, or undefined. A tab
 * or a CR counts too: what reaches this check should have been normalised already.
 */
export function refusedControl(value: string): string | undefined {
  const found = REFUSED_CONTROL.exec(value)?.[0];
  if (found === undefined) return undefined;
  return `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The field error for signed text holding a refused control character. */
export function refusedControlMessage(label: string, codePoint: string): string {
  return `${label} contains a control character (${codePoint}) that cannot be used in a credential. Remove it and try again.`;
}

/**
 * `base` (a string schema, with its own type error) normalised as signed text, and refused
 * with a message naming `label` when a control character is left. Chain `.trim()`, `.min()`
 * and `.max()` after it, so that trimming and length limits count the normalised text.
 */
export function signedText(base: z.ZodString, label: string): z.ZodString {
  return base.overwrite(normalizeSignedText).superRefine((value, ctx) => {
    const codePoint = refusedControl(value);
    if (codePoint !== undefined)
      ctx.addIssue({ code: 'custom', message: refusedControlMessage(label, codePoint) });
  });
}
