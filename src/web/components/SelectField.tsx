import {
  describedBy,
  FieldError,
  FieldHint,
  fieldIds,
  LabelText,
  type FieldBaseProps,
} from './field-parts.tsx';
import type { ExtraAttrs } from './types.ts';

export interface SelectOption {
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
    <div className="field">
      <label className="field__label" htmlFor={ids.id}>
        <LabelText label={label} required={required} optional={optional} />
      </label>
      {hint ? <FieldHint id={ids.hintId}>{hint}</FieldHint> : null}
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
      {error ? <FieldError id={ids.errorId}>{error}</FieldError> : null}
      {after}
    </div>
  );
}
