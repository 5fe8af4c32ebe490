import type { ReactNode } from 'react';
import { cx } from './cx.ts';

interface Column<T> {
  /** Unique within the table. */
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** 'end' right-aligns (numbers, actions). */
  align?: 'start' | 'end';
  /** Keep the header for screen readers only (e.g. "Actions"). */
  headerHidden?: boolean;
  nowrap?: boolean;
  className?: string;
}

export interface DataTableProps<T> {
  /** Names the table for assistive technology; shown only when showCaption. */
  caption: string;
  showCaption?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** The first column is a row header (<th scope="row">). Default true. */
  rowHeader?: boolean;
  /** Shown instead of the table when rows is empty (e.g. an <EmptyState>). */
  empty?: ReactNode;
  /** No outer border (inside a flush Card, where it also drops its own frame). */
  flush?: boolean;
}

/**
 * A table inside a focusable, labelled scroll region, so it scrolls sideways on narrow screens
 * and keyboard users can scroll it.
 */
export function DataTable<T>({
  caption,
  showCaption,
  columns,
  rows,
  rowKey,
  rowHeader = true,
  empty,
  flush,
}: DataTableProps<T>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <div
      className={cx('table-wrap', flush && 'table-wrap--flush')}
      role="region"
      aria-label={caption}
      tabIndex={0}
    >
      <table className="table">
        <caption className={showCaption ? undefined : 'visually-hidden'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={cx(c.align === 'end' && 'num', c.className)}>
                {c.headerHidden ? <span className="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c, i) => {
                const cls =
                  cx(c.align === 'end' && 'num', c.nowrap && 'nowrap', c.className) || undefined;
                return rowHeader && i === 0 ? (
                  <th key={c.key} scope="row" className={cls}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.key} className={cls}>
                    {c.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface CellPrimaryProps {
  /** An Avatar, OrgLogo or BadgeThumb. */
  media?: ReactNode;
  title: ReactNode;
  sub?: ReactNode;
}

/** The rich first cell of a row: picture, name and a muted second line. */
export function CellPrimary({ media, title, sub }: CellPrimaryProps) {
  return (
    <div className="cell-primary">
      {media}
      <div className="cell-primary__text">
        <span className="cell-primary__title">{title}</span>
        {sub ? <span className="cell-primary__sub">{sub}</span> : null}
      </div>
    </div>
  );
}
