import type { ReactNode } from 'react';
import { Icon } from './Icon.tsx';
import type { IconName } from './icon-names.ts';

/** A small fact with an icon, for header meta rows ("globe example.org", "calendar Joined May 2026"). */
export function MetaItem({ icon, children }: { icon: IconName; children: ReactNode }) {
  return (
    <span className="org-header__meta-item">
      <Icon name={icon} size="sm" />
      {children}
    </span>
  );
}
