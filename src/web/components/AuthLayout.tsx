import type { ReactNode } from 'react';
import { cx } from './cx.ts';
import { Document } from './Document.tsx';
import { Flash } from './Flash.tsx';
import { Logo } from './Logo.tsx';
import type { FlashMessage } from './types.ts';

export interface AuthLayoutProps {
  /** Document title. */
  title: string;
  /** The card's heading (h1); defaults to title. */
  heading?: string;
  subtitle?: ReactNode;
  flash?: FlashMessage | readonly FlashMessage[] | null;
  /** Under the card, e.g. "New to Laurel? Create an account". */
  below?: ReactNode;
  /** A wider card (registration with an organization step). */
  wide?: boolean;
  description?: string;
  head?: ReactNode;
  children: ReactNode;
}

/** Sign-in, registration, password reset, invitations: a centred card under the brand. */
export function AuthLayout({
  title,
  heading,
  subtitle,
  flash,
  below,
  wide,
  description,
  head,
  children,
}: AuthLayoutProps) {
  return (
    <Document title={title} description={description} head={head}>
      <div className="auth">
        <header className="auth__brand">
          <Logo size="lg" />
        </header>
        <main id="main" className={cx('auth__main', wide && 'auth__main--wide')} tabIndex={-1}>
          <Flash flash={flash} />
          <div className="auth__card">
            <div className="auth__header">
              <h1 className="auth__title">{heading ?? title}</h1>
              {subtitle ? <p className="auth__subtitle">{subtitle}</p> : null}
            </div>
            {children}
          </div>
          {below ? <div className="auth__below">{below}</div> : null}
        </main>
        <footer className="auth__footer">
          <p>Laurel · verifiable Open Badges 3.0 credentials</p>
        </footer>
      </div>
    </Document>
  );
}
