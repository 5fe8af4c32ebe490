/** Where the server mounts src/web/assets. */
export const ASSET_BASE = '/assets';

export const asset = {
  css: `${ASSET_BASE}/laurel.css`,
  icons: `${ASSET_BASE}/icons.svg`,
  logo: `${ASSET_BASE}/logo.svg`,
  logoMark: `${ASSET_BASE}/logo-mark.svg`,
  htmx: `${ASSET_BASE}/htmx.min.js`,
} as const;
