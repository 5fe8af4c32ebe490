import type { ReactNode } from 'react';
import { Breadcrumbs } from './Breadcrumbs.tsx';
import type { Crumb } from './types.ts';

export interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  breadcrumbs?: readonly Crumb[];
  /** Pills shown beside the title (status, plan). */
  badges?: ReactNode;
  /** A row of small facts under the subtitle. */
  meta?: ReactNode;
  /** Buttons on the right (wrap under the title on small screens). */
  actions?: ReactNode;
}

/** The page's h1 with optional breadcrumbs, subtitle and actions. */
export function PageHeader({
  title,
  subtitle,
  breadcrumbs,
  badges,
  meta,
  actions,
}: PageHeaderProps) {
  return (
    <div className="page-header">
      <div className="page-header__text">
        {breadcrumbs && breadcrumbs.length > 0 ? (
          <div className="page-header__eyebrow">
            <Breadcrumbs items={breadcrumbs} />
          </div>
        ) : null}
        <div className="page-header__title">
          <h1>{title}</h1>
          {badges}
        </div>
        {subtitle ? <p className="page-header__subtitle">{subtitle}</p> : null}
        {meta ? <div className="page-header__meta">{meta}</div> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}
