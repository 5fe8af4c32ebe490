import type { ReactNode } from 'react';
import { useId } from 'react';
import { buttonClass, Button } from './Button.tsx';
import type { ButtonSize, ButtonVariant } from './Button.tsx';
import { cx } from './cx.ts';
import { CsrfInput } from './CsrfInput.tsx';
import { Icon } from './Icon.tsx';
import type { IconName } from './icon-names.ts';

export interface ConfirmDialogProps {
  title: string;
  /** What will happen; may include fields (e.g. a reason <TextAreaField>) and hidden inputs. */
  children?: ReactNode;
  /** Where the confirming form POSTs. */
  action: string;
  csrfToken: string;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  icon?: IconName;
  /**
   * 'modal' (default): an open <dialog> overlay, returned as the htmx fragment for
   * #dialog-root; Cancel closes it natively (formmethod="dialog"), no script needed.
   * 'page': the same box in the page flow, for the no-JavaScript fallback page.
   */
  mode?: 'modal' | 'page';
  /** Where Cancel goes in 'page' mode. */
  cancelHref: string;
  cancelLabel?: string;
  multipart?: boolean;
}

/** "Are you sure?" for revoke, remove member, suspend, delete key. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const {
    title,
    children,
    action,
    csrfToken,
    confirmLabel,
    tone = 'primary',
    mode = 'modal',
    cancelHref,
    cancelLabel = 'Cancel',
    multipart,
  } = props;
  const icon = props.icon ?? (tone === 'danger' ? 'alert-triangle' : 'info');
  const titleId = `${useId()}-dialog-title`;
  const modal = mode === 'modal';
  return (
    <dialog
      className={cx('dialog', modal ? 'dialog--overlay' : 'dialog--static')}
      open
      aria-labelledby={titleId}
    >
      <form
        className="dialog__form"
        method="post"
        action={action}
        encType={multipart ? 'multipart/form-data' : undefined}
      >
        <CsrfInput token={csrfToken} />
        <div className="dialog__header">
          <span className={cx('dialog__icon', tone === 'danger' && 'dialog__icon--danger')}>
            <Icon name={icon} />
          </span>
          {modal ? (
            <h2 className="dialog__title" id={titleId}>
              {title}
            </h2>
          ) : (
            <h1 className="dialog__title" id={titleId}>
              {title}
            </h1>
          )}
        </div>
        {children ? <div className="dialog__body">{children}</div> : null}
        <div className="dialog__footer">
          {modal ? (
            <Button type="submit" formMethod="dialog" formNoValidate autoFocus>
              {cancelLabel}
            </Button>
          ) : (
            <a className={buttonClass('secondary')} href={cancelHref}>
              {cancelLabel}
            </a>
          )}
          <Button type="submit" variant={tone === 'danger' ? 'danger' : 'primary'}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}

export interface DialogLinkProps {
  /**
   * The confirmation page. Without JavaScript the link simply opens it; with htmx it fetches
   * the same URL (HX-Request: true) and puts the returned <ConfirmDialog mode="modal"> into
   * #dialog-root.
   */
  href: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  icon?: IconName;
  label?: string;
  children?: ReactNode;
}

/** A button-styled link that opens a ConfirmDialog (see DialogLinkProps.href). */
export function DialogLink({
  href,
  variant = 'secondary',
  size = 'md',
  icon,
  label,
  children,
}: DialogLinkProps) {
  return (
    <a
      className={buttonClass(variant, size, false, !children && Boolean(icon))}
      href={href}
      aria-label={label}
      aria-haspopup="dialog"
      hx-get={href}
      hx-target="#dialog-root"
      hx-swap="innerHTML"
    >
      {icon ? <Icon name={icon} /> : null}
      {children}
    </a>
  );
}
