import { asset } from './assets.ts';
import { cx } from './cx.ts';
import type { IconName } from './icon-names.ts';

export interface IconProps {
  name: IconName;
  size?: 'xs' | 'sm' | 'md' | 'lg' | 'xl';
  className?: string;
  /** Give a label only when the icon stands alone and carries meaning; otherwise it is hidden. */
  label?: string;
}

/** An icon from the sprite. Decorative (aria-hidden) unless it has a label. */
export function Icon({ name, size = 'md', className, label }: IconProps) {
  const cls = cx('icon', size !== 'md' && `icon--${size}`, className);
  if (label) {
    return (
      <svg className={cls} role="img" aria-label={label} focusable="false">
        <use href={`${asset.icons}#i-${name}`} />
      </svg>
    );
  }
  return (
    <svg className={cls} aria-hidden="true" focusable="false">
      <use href={`${asset.icons}#i-${name}`} />
    </svg>
  );
}
