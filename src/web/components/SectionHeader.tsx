import type { ReactNode } from 'react';

export interface SectionHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** Heading level; 2 by default (under the page's h1). */
  level?: 2 | 3;
  id?: string;
}

/** A heading for a section inside a page, with optional description and actions. */
export function SectionHeader({ title, description, actions, level = 2, id }: SectionHeaderProps) {
  const H = level === 3 ? 'h3' : 'h2';
  return (
    <div className="section__header">
      <div>
        <H className="section__title" id={id}>
          {title}
        </H>
        {description ? <p className="section__desc">{description}</p> : null}
      </div>
      {actions ? <div className="btn-group">{actions}</div> : null}
    </div>
  );
}
