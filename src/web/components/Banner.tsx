import type { ReactNode } from 'react';
import { cx } from './cx.ts';
import { TONE_ICON, TONE_LABEL } from './Flash.tsx';
import { Icon } from './Icon.tsx';
import type { Tone } from './types.ts';

export interface BannerProps {
  kind: Tone;
  title?: ReactNode;
  children?: ReactNode;
  /** Buttons under the text. */
  actions?: ReactNode;
  /** 'alert' for errors that appear in response to an action (e.g. a failed form). */
  role?: 'alert' | 'status';
  className?: string;
}

/** An inline message with the tone's icon, a title and text. Never colour alone. */
export function Banner({ kind, title, children, actions, role, className }: BannerProps) {
  return (
    <div className={cx('banner', `banner--${kind}`, className)} role={role}>
      <Icon name={TONE_ICON[kind]} />
      <div className="banner__body">
        {title ? (
          <p className="banner__title">
            <span className="visually-hidden">{TONE_LABEL[kind]}: </span>
            {title}
          </p>
        ) : null}
        {children ? (
          <div className="banner__content">
            {title ? null : <span className="visually-hidden">{TONE_LABEL[kind]}: </span>}
            {children}
          </div>
        ) : null}
        {actions ? <div className="banner__actions">{actions}</div> : null}
      </div>
    </div>
  );
}
