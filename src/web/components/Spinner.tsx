import { cx } from './cx.ts';

export interface SpinnerProps {
  /** Read by screen readers while it spins. */
  label?: string;
  /** Give it an id and point hx-indicator at it: shown only during the request. */
  id?: string;
  indicator?: boolean;
}

/** A small spinner; with `indicator` it is hidden until htmx is busy. */
export function Spinner({ label = 'Loading', id, indicator }: SpinnerProps) {
  return (
    <span className={cx(indicator && 'htmx-indicator')} id={id}>
      <span className="spinner" aria-hidden="true"></span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
