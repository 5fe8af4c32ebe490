import { Banner } from '../components/index.ts';

/** Why a submitted form was refused, announced to screen readers; nothing when it was not. */
export function FormError({ message }: { message: string | undefined }) {
  return message ? (
    <Banner kind="danger" role="alert">
      {message}
    </Banner>
  ) : null;
}
