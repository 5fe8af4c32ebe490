import type { Crumb } from './types.ts';

/** A trail of links; the last crumb is the current page. */
export function Breadcrumbs({ items }: { items: readonly Crumb[] }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <ol className="breadcrumbs__list">
        {items.map((c, i) => {
          const last = i === items.length - 1;
          return (
            <li className="breadcrumbs__item" key={`${i}-${c.label}`}>
              {c.href && !last ? (
                <a href={c.href}>{c.label}</a>
              ) : (
                <span aria-current={last ? 'page' : undefined}>{c.label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
