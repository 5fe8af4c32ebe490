import type { HTMLInputAutoCompleteAttribute } from 'react';
import { cx } from './cx.ts';
import { describedBy, type FieldBaseProps, FieldFrame, fieldIds } from './field-parts.tsx';
import { Icon } from './Icon.tsx';
import type { IconName } from './icon-names.ts';
import type { ExtraAttrs } from './types.ts';

export interface FieldProps extends FieldBaseProps {
  type?:
    'text' | 'email' | 'password' | 'url' | 'search' | 'tel' | 'number' | 'date' | 'datetime-local';
  value?: string | number | null;
  placeholder?: string;
  autoComplete?: HTMLInputAutoCompleteAttribute;
  inputMode?: 'text' | 'email' | 'numeric' | 'decimal' | 'url' | 'search' | 'tel' | 'none';
  readOnly?: boolean;
  autoFocus?: boolean;
  spellCheck?: boolean;
  min?: number | string;
  max?: number | string;
  step?: number | string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** Leading icon inside the input (e.g. search). */
  icon?: IconName;
  /** Monospace text (ids, keys, URLs). */
  mono?: boolean;
  attrs?: ExtraAttrs;
}

/** A labelled text input with hint and inline error, wired for assistive technology. */
export function Field(props: FieldProps) {
  const {
    label,
    name,
    hint,
    error,
    required,
    optional,
    after,
    type = 'text',
    value,
    icon,
    mono,
    attrs,
    id: idProp,
    ...rest
  } = props;
  const ids = fieldIds(name, idProp);
  const input = (
    <input
      className={cx('input', mono && 'input--mono')}
      id={ids.id}
      name={name}
      type={type}
      defaultValue={value ?? undefined}
      required={required}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(ids, hint, error)}
      {...rest}
      {...attrs}
    />
  );
  return (
    <FieldFrame
      ids={ids}
      label={label}
      required={required}
      optional={optional}
      hint={hint}
      error={error}
      after={after}
    >
      {icon ? (
        <div className="input-group">
          <Icon name={icon} size="sm" />
          {input}
        </div>
      ) : (
        input
      )}
    </FieldFrame>
  );
}
