import { describedBy, type FieldBaseProps, FieldFrame, fieldIds } from './field-parts.tsx';
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
    <FieldFrame
      ids={ids}
      label={label}
      required={required}
      optional={optional}
      hint={hint}
      error={error}
      after={after}
    >
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
    </FieldFrame>
  );
}
