import { describedBy, type FieldBaseProps, FieldFrame, fieldIds } from './field-parts.tsx';
import type { ExtraAttrs } from './types.ts';

interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectFieldProps extends FieldBaseProps {
  options: readonly SelectOption[];
  value?: string | null;
  /** A first, empty option such as "Choose a badge…". */
  placeholder?: string;
  attrs?: ExtraAttrs;
}

/** A labelled native <select> with a drawn chevron. */
export function SelectField(props: SelectFieldProps) {
  const {
    label,
    name,
    hint,
    error,
    required,
    optional,
    after,
    options,
    value,
    placeholder,
    disabled,
    attrs,
    id: idProp,
  } = props;
  const ids = fieldIds(name, idProp);
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
      <span className="select-wrap">
        <select
          className="select"
          id={ids.id}
          name={name}
          defaultValue={value ?? ''}
          required={required}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(ids, hint, error)}
          {...attrs}
        >
          {placeholder !== undefined ? (
            <option value="" disabled={required}>
              {placeholder}
            </option>
          ) : null}
          {options.map((o) => (
            <option key={o.value} value={o.value} disabled={o.disabled}>
              {o.label}
            </option>
          ))}
        </select>
      </span>
    </FieldFrame>
  );
}
