import type { ReactNode } from 'react';
import { cx } from './cx.ts';
import { CsrfInput } from './CsrfInput.tsx';
import type { ExtraAttrs } from './types.ts';

export interface FormProps {
  action: string;
  method?: 'post' | 'get';
  /** Required for POST forms: adds the hidden _csrf input. */
  csrfToken?: string;
  /** multipart/form-data, for file uploads. */
  multipart?: boolean;
  /** Skip the browser's own validation so the server's inline errors show instead. */
  noValidate?: boolean;
  id?: string;
  className?: string;
  /** Accessible name, when the page holds several forms. */
  label?: string;
  attrs?: ExtraAttrs;
  children: ReactNode;
}

/** A <form> laid out as a vertical stack of fields, carrying the CSRF token on POST. */
export function Form({
  action,
  method = 'post',
  csrfToken,
  multipart,
  noValidate,
  id,
  className,
  label,
  attrs,
  children,
}: FormProps) {
  return (
    <form
      className={cx('form', className)}
      action={action}
      method={method}
      encType={multipart ? 'multipart/form-data' : undefined}
      noValidate={noValidate}
      id={id}
      aria-label={label}
      {...attrs}
    >
      {method === 'post' && csrfToken !== undefined ? <CsrfInput token={csrfToken} /> : null}
      {children}
    </form>
  );
}

export interface FormActionsProps {
  align?: 'start' | 'end' | 'between';
  children: ReactNode;
}

/** The row of buttons at the end of a form. */
export function FormActions({ align = 'start', children }: FormActionsProps) {
  return (
    <div className={cx('form-actions', align !== 'start' && `form-actions--${align}`)}>
      {children}
    </div>
  );
}

/** "* marks a required field", once per form that marks fields. */
export function RequiredNote() {
  return (
    <p className="required-note">
      <span aria-hidden="true">* </span>Required fields are marked with an asterisk.
    </p>
  );
}
