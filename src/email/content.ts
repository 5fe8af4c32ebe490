/**
 * What an email says, independent of its format: the layout renders it to HTML and
 * `renderText` to the plain-text part, so the two parts can never drift apart.
 */

/** A run of text; `strong` is emphasised in HTML and plain in text. */
type Inline = string | { strong: string };

export type Paragraph = readonly Inline[];

export interface EmailContent {
  subject: string;
  /** The line inbox lists show after the subject. */
  preheader: string;
  heading: string;
  /** A picture above the heading, such as the badge of a credential (HTML part only; `alt` in text). */
  image?: { url: string; alt: string };
  body: readonly Paragraph[];
  action?: { label: string; url: string };
  /** Smaller print under the button: expiry, "if this wasn't you". */
  notes?: readonly Paragraph[];
  /** Why the recipient gets this email. */
  footer: string;
}

function inlineText(p: Paragraph): string {
  return p.map((part) => (typeof part === 'string' ? part : part.strong)).join('');
}

export function renderText(c: EmailContent, publicUrl: string): string {
  const blocks: string[] = [c.heading, ...c.body.map(inlineText)];
  if (c.image) blocks.splice(1, 0, `[${c.image.alt}]`);
  if (c.action) blocks.push(`${c.action.label}:\n${c.action.url}`);
  blocks.push(...(c.notes ?? []).map(inlineText));
  blocks.push(`--\n${c.footer}\nLaurel · ${publicUrl}`);
  return `${blocks.join('\n\n')}\n`;
}
