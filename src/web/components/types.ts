import type { IconName } from './icon-names.ts';

/** The five feedback tones shared by banners, toasts and pills. */
export type Tone = 'success' | 'info' | 'warning' | 'danger' | 'neutral';

/** A one-shot message shown at the top of <main> after a redirect. */
export interface FlashMessage {
  kind: Tone;
  text: string;
}

/** What the app shell needs to know about the signed-in person. */
export interface LayoutUser {
  firstName: string;
  lastName: string;
  email: string;
  isPlatformAdmin: boolean;
}

/** A link in the top navigation, the user menu or the footer. */
export interface NavItem {
  href: string;
  label: string;
  icon?: IconName;
}

/**
 * Extra attributes for the main element of a component, such as htmx (`hx-post`,
 * `hx-target`, `hx-trigger`) or `data-*` attributes.
 */
export type ExtraAttrs = Readonly<
  Record<`hx-${string}` | `data-${string}` | `aria-${string}`, string | undefined>
>;

export interface Crumb {
  label: string;
  href?: string;
}
