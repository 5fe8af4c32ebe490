import type { ReactNode } from 'react';
import { cx } from './cx.ts';
import { Icon } from './Icon.tsx';
import type { IconName } from './icon-names.ts';
import type { ExtraAttrs } from './types.ts';

export type ButtonVariant =
  'primary' | 'secondary' | 'danger' | 'danger-outline' | 'ghost' | 'link';
export type ButtonSize = 'sm' | 'md' | 'lg';

interface CommonProps {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Leading icon. */
  icon?: IconName;
  /** Trailing icon (e.g. chevron-right, external-link). */
  iconEnd?: IconName;
  block?: boolean;
  /** Accessible name when the button shows only an icon (children omitted). */
  label?: string;
  className?: string;
  attrs?: ExtraAttrs;
  children?: ReactNode;
}

export function buttonClass(
  variant: ButtonVariant = 'secondary',
  size: ButtonSize = 'md',
  block = false,
  iconOnly = false,
  extra?: string,
) {
  return cx(
    'btn',
    `btn--${variant}`,
    size !== 'md' && `btn--${size}`,
    block && 'btn--block',
    iconOnly && 'btn--icon',
    extra,
  );
}

function Content({ icon, iconEnd, children }: Pick<CommonProps, 'icon' | 'iconEnd' | 'children'>) {
  return (
    <>
      {icon ? <Icon name={icon} /> : null}
      {children}
      {iconEnd ? <Icon name={iconEnd} /> : null}
    </>
  );
}

export interface ButtonProps extends CommonProps {
  type?: 'submit' | 'button' | 'reset';
  name?: string;
  value?: string;
  disabled?: boolean;
  /** Id of the form this button submits when it sits outside it. */
  form?: string;
  formAction?: string;
  /** 'dialog' closes the enclosing <dialog> without submitting. */
  formMethod?: 'post' | 'get' | 'dialog';
  formNoValidate?: boolean;
  autoFocus?: boolean;
  id?: string;
}

/** A <button>; secondary unless told otherwise; type="submit" by default. */
export function Button(props: ButtonProps) {
  const {
    variant,
    size,
    icon,
    iconEnd,
    block,
    label,
    className,
    attrs,
    children,
    type = 'submit',
    ...rest
  } = props;
  const iconOnly = !children && Boolean(icon);
  return (
    <button
      className={buttonClass(variant, size, block, iconOnly, className)}
      type={type}
      aria-label={label}
      {...rest}
      {...attrs}
    >
      <Content icon={icon} iconEnd={iconEnd}>
        {children}
      </Content>
    </button>
  );
}

export interface LinkButtonProps extends CommonProps {
  href: string;
  /** Rendered as a non-link with aria-disabled. */
  disabled?: boolean;
  /** Open in a new tab (adds rel="noopener" and a hidden "opens in a new tab"). */
  external?: boolean;
  download?: boolean | string;
  id?: string;
}

/** A link that looks like a button. */
export function LinkButton(props: LinkButtonProps) {
  const {
    variant,
    size,
    icon,
    iconEnd,
    block,
    label,
    className,
    attrs,
    children,
    href,
    disabled,
    external,
    download,
    id,
  } = props;
  const cls = buttonClass(variant, size, block, !children && Boolean(icon), className);
  if (disabled) {
    return (
      <a className={cls} aria-disabled="true" role="link" aria-label={label} id={id}>
        <Content icon={icon} iconEnd={iconEnd}>
          {children}
        </Content>
      </a>
    );
  }
  return (
    <a
      className={cls}
      href={href}
      aria-label={label}
      id={id}
      target={external ? '_blank' : undefined}
      rel={external ? 'noopener noreferrer' : undefined}
      download={download}
      {...attrs}
    >
      <Content icon={icon} iconEnd={iconEnd ?? (external ? 'external-link' : undefined)}>
        {children}
        {external ? <span className="visually-hidden"> (opens in a new tab)</span> : null}
      </Content>
    </a>
  );
}
