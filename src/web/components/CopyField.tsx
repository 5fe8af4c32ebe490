import type { ReactNode } from 'react';
import { describedBy, FieldHint, fieldIds } from './field-parts.tsx';

export interface CopyFieldProps {
  label: ReactNode;
  value: string;
  /** Needed to wire the label; defaults from name. */
  name?: string;
  id?: string;
  hint?: ReactNode;
}

/** A read-only monospace value to copy by hand, such as an API key shown once or a verify URL. */
export function CopyField({ label, value, name = 'copy', id, hint }: CopyFieldProps) {
  const ids = fieldIds(name, id);
  return (
    <div className="field">
      <label className="field__label" htmlFor={ids.id}>
        {label}
      </label>
      {hint ? <FieldHint id={ids.hintId}>{hint}</FieldHint> : null}
      <input
        className="input input--mono"
        id={ids.id}
        type="text"
        readOnly
        value={value}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={describedBy(ids, hint, null)}
      />
    </div>
  );
}
