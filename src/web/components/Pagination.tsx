import type { ReactNode } from 'react';
import { LinkButton } from './Button.tsx';

export interface PaginationProps {
  /** e.g. "Showing 1–25 of 312". */
  summary?: ReactNode;
  prevHref?: string | null;
  nextHref?: string | null;
}

/** Previous / next links under a list. */
export function Pagination({ summary, prevHref, nextHref }: PaginationProps) {
  return (
    <nav className="pagination" aria-label="Pagination">
      <span>{summary}</span>
      <span className="btn-group">
        <LinkButton href={prevHref ?? '#'} disabled={!prevHref} size="sm" icon="chevron-left">
          Previous
        </LinkButton>
        <LinkButton href={nextHref ?? '#'} disabled={!nextHref} size="sm" iconEnd="chevron-right">
          Next
        </LinkButton>
      </span>
    </nav>
  );
}
