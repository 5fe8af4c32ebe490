import type { ReactNode } from 'react';
import { useId } from 'react';
import { cx } from './cx.ts';

export interface CardProps {
  title?: ReactNode;
  subtitle?: ReactNode;
  /** Buttons in the header, right-aligned. */
  actions?: ReactNode;
  /** A grey strip at the bottom, usually form buttons. */
  footer?: ReactNode;
  /** Put the footer's content at both ends instead of the right. */
  footerBetween?: boolean;
  /** No body padding: for tables and lists that run edge to edge. */
  flush?: boolean;
  tone?: 'default' | 'danger';
  /** Heading level of the title; 2 by default. */
  level?: 2 | 3;
  /** Hover lift, for cards that are links. */
  interactive?: boolean;
  id?: string;
  className?: string;
  children?: ReactNode;
}

/** A white panel. With a title it is a <section> labelled by its heading. */
export function Card(props: CardProps) {
  const {
    title,
    subtitle,
    actions,
    footer,
    footerBetween,
    flush,
    tone = 'default',
    level = 2,
    interactive,
    id,
    className,
    children,
  } = props;
  const headingId = `${useId()}-title`;
  const H = level === 3 ? 'h3' : 'h2';
  const cls = cx(
    'card',
    tone === 'danger' && 'card--danger',
    interactive && 'card--interactive',
    className,
  );
  const body =
    children !== undefined && children !== null ? (
      <div className={cx('card__body', flush && 'card__body--flush')}>{children}</div>
    ) : null;
  const foot = footer ? (
    <div className={cx('card__footer', footerBetween && 'card__footer--between')}>{footer}</div>
  ) : null;
  if (!title) {
    return (
      <div className={cls} id={id}>
        {body}
        {foot}
      </div>
    );
  }
  return (
    <section className={cls} id={id} aria-labelledby={headingId}>
      <div className="card__header">
        <div>
          <H className="card__title" id={headingId}>
            {title}
          </H>
          {subtitle ? <p className="card__subtitle">{subtitle}</p> : null}
        </div>
        {actions ? <div className="card__actions">{actions}</div> : null}
      </div>
      {body}
      {foot}
    </section>
  );
}
