import type { ReactNode } from 'react';
import { cx } from './cx.ts';

export interface DescriptionItem {
  term: ReactNode;
  details: ReactNode;
}

/** Label/value pairs for details pages; stacks on small screens. */
export function DescriptionList({ items, compact }: { items: readonly DescriptionItem[]; compact?: boolean }) {
  return (
    <dl className={cx('dl', compact && 'dl--compact')}>
      {items.map((item, i) => (
        <div className="dl__row" key={i}>
          <dt>{item.term}</dt>
          <dd>{item.details}</dd>
        </div>
      ))}
    </dl>
  );
}
