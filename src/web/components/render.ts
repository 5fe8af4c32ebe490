import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

/** A whole page (Layout / AuthLayout) as HTML with its doctype. */
export function renderPage(node: ReactNode): string {
  return `<!doctype html>${renderToStaticMarkup(node)}`;
}

/** An htmx partial (no doctype). */
export function renderFragment(node: ReactNode): string {
  return renderToStaticMarkup(node);
}
