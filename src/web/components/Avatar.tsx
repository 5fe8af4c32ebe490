import { cx } from './cx.ts';

export interface AvatarProps {
  firstName: string;
  lastName: string;
  size?: 'sm' | 'md' | 'lg' | 'xl';
  /** Set when no visible name is next to the avatar; otherwise it is decorative. */
  label?: string;
}

function initials(first: string, last: string): string {
  const a = first.trim().charAt(0);
  const b = last.trim().charAt(0);
  return (a + b).toUpperCase() || '?';
}

/** A stable colour (1–6) for a name, so a person keeps their colour across pages. */
function colourIndex(seed: string): number {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  return (h % 6) + 1;
}

/** A circle with a person's initials. */
export function Avatar({ firstName, lastName, size = 'md', label }: AvatarProps) {
  const cls = cx(
    'avatar',
    size !== 'md' && `avatar--${size}`,
    `avatar--c${colourIndex(`${firstName} ${lastName}`)}`,
  );
  const text = initials(firstName, lastName);
  return label ? (
    <span className={cls} role="img" aria-label={label}>
      {text}
    </span>
  ) : (
    <span className={cls} aria-hidden="true">
      {text}
    </span>
  );
}
