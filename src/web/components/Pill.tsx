import type { ReactNode } from 'react';
import { cx } from './cx.ts';
import { Icon } from './Icon.tsx';
import type { IconName } from './icon-names.ts';
import type { Tone } from './types.ts';

export type PillTone = Tone | 'brand' | 'violet' | 'dark' | 'outline';

export interface PillProps {
  tone?: PillTone;
  icon?: IconName;
  size?: 'sm' | 'md';
  className?: string;
  children: ReactNode;
}

/** A small rounded label. Always words; the icon is a second signal. */
export function Pill({ tone = 'neutral', icon, size = 'md', className, children }: PillProps) {
  return (
    <span className={cx('pill', `pill--${tone}`, size === 'sm' && 'pill--sm', className)}>
      {icon ? <Icon name={icon} size="xs" /> : null}
      {children}
    </span>
  );
}
