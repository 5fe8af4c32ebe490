import { asset } from './assets.ts';
import { cx } from './cx.ts';

export interface LogoProps {
  href?: string;
  size?: 'md' | 'lg';
}

/** The Laurel mark and wordmark, linking home. */
export function Logo({ href = '/', size = 'md' }: LogoProps) {
  return (
    <a className={cx('brand', size === 'lg' && 'brand--lg')} href={href}>
      <img className="brand__mark" src={asset.logoMark} alt="" width={32} height={32} />
      <span>Laurel</span>
    </a>
  );
}
