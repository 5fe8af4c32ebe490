import type { ReactNode } from 'react';
import { Icon } from './Icon.tsx';

/** Common props of every form field. */
export interface FieldBaseProps {
  label: ReactNode;
  name: string;
  /** Defaults to "f-" + name (brackets and dots become dashes). */
  id?: string;
  /** Help under the label, linked with aria-describedby. */
  hint?: ReactNode;
  /** The inline error; sets aria-invalid and is linked with aria-describedby. */
  error?: string | null;
  required?: boolean;
  /** Shows "(optional)" after the label instead of marking required fields. */
  optional?: boolean;
  disabled?: boolean;
  /** Rendered after the control inside the field (e.g. an htmx result slot). */
  after?: ReactNode;
}

export function fieldIds(name: string, id?: string) {
  const base = id ?? `f-${name.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
  return { id: base, hintId: `${base}-hint`, errorId: `${base}-error` };
}

export function describedBy(
  ids: { hintId: string; errorId: string },
  hint: unknown,
  error: unknown,
): string | undefined {
  const list = [hint ? ids.hintId : null, error ? ids.errorId : null].filter(Boolean);
  return list.length ? list.join(' ') : undefined;
}

function LabelText({
  label,
  required,
  optional,
}: {
  label: ReactNode;
  required?: boolean;
  optional?: boolean;
}) {
  return (
    <>
      {label}
      {required ? (
        <span className="field__required" aria-hidden="true">
          *
        </span>
      ) : null}
      {optional && !required ? <span className="field__optional">(optional)</span> : null}
    </>
  );
}

export function FieldHint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p className="field__hint" id={id}>
      {children}
    </p>
  );
}

export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p className="field__error" id={id}>
      <Icon name="x-circle" size="sm" />
      <span>{children}</span>
    </p>
  );
}

/** The label, hint and error around a field's control: every field component renders one. */
export function FieldFrame(props: {
  ids: { id: string; hintId: string; errorId: string };
  label: ReactNode;
  required?: boolean | undefined;
  optional?: boolean | undefined;
  hint?: ReactNode;
  error?: string | null | undefined;
  after?: ReactNode;
  children: ReactNode;
}) {
  const { ids, label, required, optional, hint, error, after, children } = props;
  return (
    <div className="field">
      <label className="field__label" htmlFor={ids.id}>
        <LabelText label={label} required={required} optional={optional} />
      </label>
      {hint ? <FieldHint id={ids.hintId}>{hint}</FieldHint> : null}
      {children}
      {error ? <FieldError id={ids.errorId}>{error}</FieldError> : null}
      {after}
    </div>
  );
}
