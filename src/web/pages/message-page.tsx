import type { ReactNode } from 'react';
import { Banner, LinkButton } from '../components/index.ts';
import type { Tone } from '../components/types.ts';
import type { PageContext } from '../respond.tsx';
import { AppPage } from './shell.tsx';

/** A short page that says one thing: not found, link expired, refused. */
export function MessagePage(props: {
  page: PageContext;
  title: string;
  kind: Tone;
  actions?: { href: string; label: string }[];
  children: ReactNode;
}) {
  return (
    <AppPage page={props.page} title={props.title} narrow>
      <h1 className="page-title">{props.title}</h1>
      <Banner
        kind={props.kind}
        actions={props.actions?.map((a, i) => (
          <LinkButton key={a.href} href={a.href} variant={i === 0 ? 'primary' : 'secondary'}>
            {a.label}
          </LinkButton>
        ))}
      >
        <p>{props.children}</p>
      </Banner>
    </AppPage>
  );
}
