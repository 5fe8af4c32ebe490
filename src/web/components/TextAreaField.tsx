import {
  describedBy,
  FieldError,
  FieldHint,
  fieldIds,
  LabelText,
  type FieldBaseProps,
} from './field-parts.tsx';
import type { ExtraAttrs } from './types.ts';

export interface TextAreaFieldProps extends FieldBaseProps {
  value?: string | null;
  rows?: number;
  placeholder?: string;
  maxLength?: number;
  readOnly?: boolean;
  attrs?: ExtraAttrs;
}

/** A labelled multi-line text box. */
export function TextAreaField(props: TextAreaFieldProps) {
  const {
    label,
    name,
    hint,
    error,
    required,
    optional,
    after,
    value,
    rows = 4,
    attrs,
    id: idProp,
    ...rest
  } = props;
  const ids = fieldIds(name, idProp);
  return (
    <div className="field">
      <label className="field__label" htmlFor={ids.id}>
        <LabelText label={label} required={required} optional={optional} />
      </label>
      {hint ? <FieldHint id={ids.hintId}>{hint}</FieldHint> : null}
      <textarea
        className="textarea"
        id={ids.id}
        name={name}
        rows={rows}
        defaultValue={value ?? undefined}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
        {...rest}
        {...attrs}
      />
      {error ? <FieldError id={ids.errorId}>{error}</FieldError> : null}
      {after}
    </div>
  );
}
