import type { ReactNode } from 'react';
import { cx } from './cx.ts';
import { Icon } from './Icon.tsx';
import type { IconName } from './icon-names.ts';

export interface EmptyStateProps {
  icon?: IconName;
  title: ReactNode;
  children?: ReactNode;
  /** Buttons, e.g. the primary "Create a badge". */
  actions?: ReactNode;
  /** A dashed frame of its own (when not inside a Card). */
  bordered?: boolean;
  level?: 2 | 3;
}

/** What a list shows when it has nothing yet: icon, title, one line, the next step. */
export function EmptyState({
  icon = 'laurel',
  title,
  children,
  actions,
  bordered,
  level = 2,
}: EmptyStateProps) {
  const H = level === 3 ? 'h3' : 'h2';
  return (
    <div className={cx('empty', bordered && 'empty--bordered')}>
      <div className="empty__icon">
        <Icon name={icon} />
      </div>
      <H className="empty__title">{title}</H>
      {children ? <div className="empty__text">{children}</div> : null}
      {actions ? <div className="empty__actions">{actions}</div> : null}
    </div>
  );
}
