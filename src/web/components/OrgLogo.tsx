import { cx } from './cx.ts';

export interface OrgLogoProps {
  name: string;
  /** The logo's URL; without it the tile shows the name's initials. */
  src?: string | null;
  size?: 'sm' | 'md' | 'lg' | 'xl';
  /** Decorative by default (the name is next to it); set true when it stands alone. */
  labelled?: boolean;
}

function orgInitials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.charAt(0) ?? '';
  const second = words[1]?.charAt(0) ?? words[0]?.charAt(1) ?? '';
  return (first + second).toUpperCase() || '?';
}

/** An organization's logo in a rounded square tile, or its initials on brand green. */
export function OrgLogo({ name, src, size = 'md', labelled }: OrgLogoProps) {
  const sizeCls = size !== 'md' && `logo-tile--${size}`;
  if (src) {
    return (
      <span className={cx('logo-tile', sizeCls)}>
        <img src={src} alt={labelled ? `${name} logo` : ''} loading="lazy" />
      </span>
    );
  }
  return labelled ? (
    <span
      className={cx('logo-tile', 'logo-tile--initials', sizeCls)}
      role="img"
      aria-label={`${name} logo`}
    >
      {orgInitials(name)}
    </span>
  ) : (
    <span className={cx('logo-tile', 'logo-tile--initials', sizeCls)} aria-hidden="true">
      {orgInitials(name)}
    </span>
  );
}
