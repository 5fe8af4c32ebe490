import { describedBy, type FieldBaseProps, FieldFrame, fieldIds } from './field-parts.tsx';
import type { ExtraAttrs } from './types.ts';

export interface FileFieldProps extends FieldBaseProps {
  /** e.g. "image/png,image/svg+xml" or ".csv". */
  accept?: string;
  multiple?: boolean;
  attrs?: ExtraAttrs;
}

/** A labelled file input (the form needs multipart: <Form multipart>). */
export function FileField(props: FileFieldProps) {
  const {
    label,
    name,
    hint,
    error,
    required,
    optional,
    after,
    accept,
    multiple,
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
      <input
        className="file"
        type="file"
        id={ids.id}
        name={name}
        accept={accept}
        multiple={multiple}
        required={required}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, hint, error)}
        {...attrs}
      />
    </FieldFrame>
  );
}
