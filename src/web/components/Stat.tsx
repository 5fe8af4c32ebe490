import type { ReactNode } from 'react';
import { Icon } from './Icon.tsx';
import type { IconName } from './icon-names.ts';

export interface StatProps {
  label: string;
  value: ReactNode;
  /** Small text after the value, e.g. "/ 1,000". */
  suffix?: ReactNode;
  hint?: ReactNode;
  icon?: IconName;
}

/** One number on a dashboard. */
export function Stat({ label, value, suffix, hint, icon }: StatProps) {
  return (
    <div className="stat">
      <div className="stat__top">
        <span className="stat__label">{label}</span>
        {icon ? (
          <span className="stat__icon">
            <Icon name={icon} />
          </span>
        ) : null}
      </div>
      <p className="stat__value">
        {value}
        {suffix ? <span className="stat__value-suffix">{suffix}</span> : null}
      </p>
      {hint ? <p className="stat__hint">{hint}</p> : null}
    </div>
  );
}

/** A responsive row of Stat cards (4 → 2 → 1 columns). */
export function StatsRow({ children }: { children: ReactNode }) {
  return <div className="stats">{children}</div>;
}
