import { cx } from './cx.ts';
import { Icon } from './Icon.tsx';

export interface BadgeThumbProps {
  /** The badge image; a laurel placeholder without it. */
  src?: string | null;
  /** Alt text; empty (decorative) by default because the badge name is beside it. */
  alt?: string;
  size?: 'sm' | 'md' | 'lg';
}

/** A badge's round image. */
export function BadgeThumb({ src, alt = '', size = 'md' }: BadgeThumbProps) {
  return (
    <span className={cx('badge-thumb', size !== 'md' && `badge-thumb--${size}`)}>
      {src ? <img src={src} alt={alt} loading="lazy" /> : <Icon name="award" />}
    </span>
  );
}
