import type { ReactNode } from 'react';
import { describedBy, FieldError, fieldIds } from './field-parts.tsx';
import type { ExtraAttrs } from './types.ts';

export interface CheckboxFieldProps {
  label: ReactNode;
  name: string;
  /** Submitted value when checked; "on" by default. */
  value?: string;
  checked?: boolean;
  id?: string;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  disabled?: boolean;
  /** 'radio' for one of a group (give each its own id). */
  type?: 'checkbox' | 'radio';
  attrs?: ExtraAttrs;
}

/** A checkbox (or radio) with its label to the right and optional hint below it. */
export function CheckboxField(props: CheckboxFieldProps) {
  const {
    label,
    name,
    value,
    checked,
    hint,
    error,
    required,
    disabled,
    type = 'checkbox',
    attrs,
    id: idProp,
  } = props;
  const ids = fieldIds(value && type === 'radio' ? `${name}-${value}` : name, idProp);
  return (
    <div className="check">
      <input
        className="check__input"
        type={type}
        id={ids.id}
        name={name}
        value={value}
        defaultChecked={checked}
        required={required}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
        {...attrs}
      />
      <label className="check__label" htmlFor={ids.id}>
        {label}
      </label>
      {hint ? (
        <p className="field__hint check__hint" id={ids.hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <div className="check__error">
          <FieldError id={ids.errorId}>{error}</FieldError>
        </div>
      ) : null}
    </div>
  );
}
