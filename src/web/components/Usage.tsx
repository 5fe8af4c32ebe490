import type { ReactNode } from 'react';
import { useId } from 'react';
import { cx } from './cx.ts';

export interface UsageProps {
  label: string;
  used: number;
  /** null = unlimited (no bar). */
  limit: number | null;
  hint?: ReactNode;
  /** Unit for the numbers, e.g. "recipients". */
  unit?: string;
  /**
   * Turn amber from 80 % and red at the limit, with words. Default true; false for limits
   * where being full is normal (owner seats).
   */
  alert?: boolean;
}

const fmt = new Intl.NumberFormat('en-US');

/** Usage against a plan limit as a native <progress>; amber from 80 %, red at the limit (with words). */
export function Usage({ label, used, limit, hint, unit, alert = true }: UsageProps) {
  const id = useId();
  const u = unit ? ` ${unit}` : '';
  if (limit === null) {
    return (
      <div className="usage">
        <div className="usage__top">
          <span className="usage__label">{label}</span>
          <span className="usage__value">
            {fmt.format(used)}
            {u} · Unlimited
          </span>
        </div>
        {hint ? <p className="usage__hint">{hint}</p> : null}
      </div>
    );
  }
  const ratio = limit > 0 ? used / limit : 1;
  const state = !alert ? null : ratio >= 1 ? 'danger' : ratio >= 0.8 ? 'warning' : null;
  return (
    <div className={cx('usage', state && `usage--${state}`)}>
      <div className="usage__top">
        <label className="usage__label" htmlFor={id}>
          {label}
        </label>
        <span className="usage__value">
          {fmt.format(used)} of {fmt.format(limit)}
          {u}
          {state === 'danger' ? ' · Limit reached' : state === 'warning' ? ' · Nearly full' : ''}
        </span>
      </div>
      <progress
        className="usage__bar"
        id={id}
        value={Math.min(used, limit)}
        max={Math.max(limit, 1)}
      >
        {fmt.format(used)} of {fmt.format(limit)}
      </progress>
      {hint ? <p className="usage__hint">{hint}</p> : null}
    </div>
  );
}
