import { LinkButton } from '../components/index.ts';
import type { PageContext } from '../respond.tsx';
import { AppPage } from './shell.tsx';

/** The front door for visitors who are not signed in. */
export function HomePage({ page }: { page: PageContext }) {
  return (
    <AppPage page={page} title="Verifiable digital credentials">
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title" className="hero__title">
          Issue credentials anyone can verify
        </h1>
        <p className="hero__lead">
          Laurel lets organizations issue signed Open Badges 3.0 badges and certificates by email.
          Recipients claim and share them; anyone can verify them, here or with any
          standards-conformant verifier.
        </p>
        <div className="hero__actions">
          <LinkButton href="/register" variant="primary" size="lg">
            Create an account
          </LinkButton>
          <LinkButton href="/login" variant="secondary" size="lg">
            Sign in
          </LinkButton>
        </div>
      </section>
    </AppPage>
  );
}
