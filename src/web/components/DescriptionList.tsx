import type { ReactNode } from 'react';
import { cx } from './cx.ts';

export interface DescriptionItem {
  term: ReactNode;
  details: ReactNode;
}

/** Label/value pairs for details pages; adapts to its column's width (side by side → stacked). */
export function DescriptionList({
  items,
  compact,
}: {
  items: readonly DescriptionItem[];
  compact?: boolean;
}) {
  return (
    <div className="dl-wrap">
      <dl className={cx('dl', compact && 'dl--compact')}>
        {items.map((item, i) => (
          <div className="dl__row" key={i}>
            <dt>{item.term}</dt>
            <dd>{item.details}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
