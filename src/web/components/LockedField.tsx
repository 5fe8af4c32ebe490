import type { ReactNode } from 'react';
import { useId } from 'react';
import { Icon } from './Icon.tsx';

export interface LockedFieldProps {
  label: ReactNode;
  /** The current value, shown read-only. */
  value: ReactNode;
  /** Why it cannot change, in words (always shown: the lock icon is only a second signal). */
  reason: ReactNode;
  mono?: boolean;
}

/**
 * A form value that cannot be edited, shown where its field would be: the label with a lock
 * and the word "Locked", the value, and why. It submits nothing.
 */
export function LockedField({ label, value, reason, mono }: LockedFieldProps) {
  const id = useId();
  return (
    <div
      className="field field--locked"
      role="group"
      aria-labelledby={`${id}-label`}
      aria-describedby={`${id}-reason`}
    >
      <p className="field__label" id={`${id}-label`}>
        {label}
        <span className="locked-tag">
          <Icon name="lock" size="xs" />
          Locked
        </span>
      </p>
      <div className={mono ? 'locked-field__value mono' : 'locked-field__value'}>{value}</div>
      <p className="field__hint locked-field__reason" id={`${id}-reason`}>
        {reason}
      </p>
    </div>
  );
}
