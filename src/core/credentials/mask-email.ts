/**
 * The recipient's address as a verifier sees it: enough to recognise, not enough to
 * harvest. "jane.doe@example.com" → "j******e@example.com"; one- and two-letter local
 * parts keep only their first letter.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const masked =
    local.length <= 2
      ? `${local[0]}*`
      : `${local[0]}${'*'.repeat(Math.min(local.length - 2, 6))}${local.at(-1)}`;
  return `${masked}@${domain}`;
}
