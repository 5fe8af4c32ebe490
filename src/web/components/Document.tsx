import type { ReactNode } from 'react';
import { asset } from './assets.ts';

export interface DocumentProps {
  /** The page's own title; " · Laurel" is appended. */
  title: string;
  description?: string;
  /** Extra <head> content, e.g. Open Graph <meta> tags on public pages. */
  head?: ReactNode;
  bodyClassName?: string;
  children: ReactNode;
}

// htmx must not inject its indicator <style> (the CSP forbids inline styles; laurel.css has
// the rules) and must not eval (no 'unsafe-eval').
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
});

/** "Badges · Laurel"; a title that already ends in Laurel is left alone. */
function documentTitle(title: string): string {
  if (!title) return 'Laurel';
  return /\bLaurel$/.test(title) ? title : `${title} · Laurel`;
}

/** The <html> document: head with the stylesheet, htmx and favicon; body with a skip link. */
export function Document({ title, description, head, bodyClassName, children }: DocumentProps) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{documentTitle(title)}</title>
        {description ? <meta name="description" content={description} /> : null}
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <meta name="theme-color" content="#126849" />
        <link rel="icon" type="image/svg+xml" href={asset.logoMark} />
        <link rel="stylesheet" href={asset.css} />
        <script src={asset.htmx} defer></script>
        {head}
      </head>
      <body className={bodyClassName}>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
