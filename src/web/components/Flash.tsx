import type { ReactNode } from 'react';
import { Icon } from './Icon.tsx';
import type { IconName } from './icon-names.ts';
import type { FlashMessage, Tone } from './types.ts';

export const TONE_ICON: Record<Tone, IconName> = {
  success: 'check-circle',
  info: 'info',
  warning: 'alert-triangle',
  danger: 'x-circle',
  neutral: 'info',
};

/** Words read before the message, so the tone never depends on colour or icon alone. */
export const TONE_LABEL: Record<Tone, string> = {
  success: 'Success',
  info: 'Note',
  warning: 'Warning',
  danger: 'Error',
  neutral: 'Note',
};

interface ToastProps {
  kind: Tone;
  children: ReactNode;
}

/** One flash message: white card with a coloured edge, icon and text. */
function Toast({ kind, children }: ToastProps) {
  return (
    <div className={`toast toast--${kind}`}>
      <Icon name={TONE_ICON[kind]} />
      <p className="toast__text">
        <span className="visually-hidden">{TONE_LABEL[kind]}: </span>
        {children}
      </p>
    </div>
  );
}

export interface FlashProps {
  flash?: FlashMessage | readonly FlashMessage[] | null;
}

/**
 * The live region at the top of <main> (id="flash", role=status). Always rendered, empty when
 * there is nothing to say, so htmx responses can swap messages into it (hx-swap-oob).
 */
export function Flash({ flash }: FlashProps) {
  const list: readonly FlashMessage[] = !flash ? [] : 'kind' in flash ? [flash] : flash;
  return (
    <div id="flash" className="flash-region" role="status" aria-live="polite">
      {list.map((f, i) => (
        <Toast key={i} kind={f.kind}>
          {f.text}
        </Toast>
      ))}
    </div>
  );
}
