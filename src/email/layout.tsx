import type { CSSProperties, ReactNode } from 'react';
import type { EmailContent, Paragraph } from './content.ts';

/**
 * The one HTML layout of every email. Mail clients ignore stylesheets and CSS layout, so this
 * is the classic email-safe shape: nested tables, inline styles, web-safe fonts, a bulletproof
 * button (a padded cell holding the link) and the link again as text for clients that drop it.
 */

const colors = {
  page: '#f3f4f1',
  card: '#ffffff',
  border: '#e2e4de',
  text: '#1f2421',
  muted: '#5f665f',
  brand: '#2f6b3f',
  onBrand: '#ffffff',
};

const font = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const s = {
  body: { margin: 0, padding: 0, backgroundColor: colors.page },
  preheader: {
    display: 'none',
    maxHeight: 0,
    overflow: 'hidden',
    opacity: 0,
    color: colors.page,
    fontSize: 1,
  },
  outer: { backgroundColor: colors.page, width: '100%' },
  container: { width: '100%', maxWidth: 560 },
  brand: {
    padding: '24px 8px 16px',
    fontFamily: font,
    fontSize: 20,
    fontWeight: 700,
    color: colors.brand,
  },
  card: {
    backgroundColor: colors.card,
    border: `1px solid ${colors.border}`,
    borderRadius: 8,
    padding: '32px 32px 24px',
    fontFamily: font,
    color: colors.text,
  },
  image: {
    display: 'block',
    margin: '0 0 16px',
    width: 120,
    height: 120,
    objectFit: 'contain',
    border: 0,
  },
  heading: {
    margin: '0 0 16px',
    fontSize: 22,
    lineHeight: '30px',
    fontWeight: 700,
    color: colors.text,
  },
  p: { margin: '0 0 16px', fontSize: 16, lineHeight: '24px', color: colors.text },
  buttonCell: { borderRadius: 6, backgroundColor: colors.brand },
  button: {
    display: 'inline-block',
    padding: '12px 24px',
    fontFamily: font,
    fontSize: 16,
    fontWeight: 600,
    color: colors.onBrand,
    textDecoration: 'none',
    borderRadius: 6,
  },
  fallback: {
    margin: '0 0 16px',
    fontSize: 13,
    lineHeight: '20px',
    color: colors.muted,
    wordBreak: 'break-all',
  },
  link: { color: colors.brand },
  note: { margin: '0 0 12px', fontSize: 14, lineHeight: '21px', color: colors.muted },
  footer: {
    padding: '16px 8px 32px',
    fontFamily: font,
    fontSize: 12,
    lineHeight: '18px',
    color: colors.muted,
  },
} satisfies Record<string, CSSProperties>;

function Text({ p }: { p: Paragraph }): ReactNode {
  return p.map((part, i) =>
    typeof part === 'string' ? part : <strong key={i}>{part.strong}</strong>,
  );
}

/** A table used for layout only: email clients lay out tables reliably, and screen readers skip them. */
function LayoutTable({
  style,
  fullWidth,
  children,
}: {
  style: CSSProperties;
  fullWidth?: boolean;
  children: ReactNode;
}) {
  return (
    <table
      role="presentation"
      width={fullWidth ? '100%' : undefined}
      cellPadding={0}
      cellSpacing={0}
      border={0}
      style={style}
    >
      <tbody>{children}</tbody>
    </table>
  );
}

function Button({ label, url }: { label: string; url: string }) {
  return (
    <LayoutTable style={{ margin: '8px 0 24px' }}>
      <tr>
        <td align="center" style={s.buttonCell}>
          <a href={url} style={s.button} target="_blank" rel="noopener">
            {label}
          </a>
        </td>
      </tr>
    </LayoutTable>
  );
}

export function EmailLayout({ content, publicUrl }: { content: EmailContent; publicUrl: string }) {
  const host = new URL(publicUrl).host;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{content.subject}</title>
      </head>
      <body style={s.body}>
        <div style={s.preheader}>{content.preheader}</div>
        <LayoutTable fullWidth style={s.outer}>
          <tr>
            <td align="center" style={{ padding: '0 12px' }}>
              <LayoutTable fullWidth style={s.container}>
                <tr>
                  <td style={s.brand}>Laurel</td>
                </tr>
                <tr>
                  <td style={s.card}>
                    {content.image && (
                      <img
                        src={content.image.url}
                        alt={content.image.alt}
                        width={120}
                        height={120}
                        style={s.image}
                      />
                    )}
                    <h1 style={s.heading}>{content.heading}</h1>
                    {content.body.map((p, i) => (
                      <p key={i} style={s.p}>
                        <Text p={p} />
                      </p>
                    ))}
                    {content.action && (
                      <>
                        <Button label={content.action.label} url={content.action.url} />
                        <p style={s.fallback}>
                          If the button does not work, copy this link into your browser:{' '}
                          <a href={content.action.url} style={s.link}>
                            {content.action.url}
                          </a>
                        </p>
                      </>
                    )}
                    {(content.notes ?? []).map((p, i) => (
                      <p key={i} style={s.note}>
                        <Text p={p} />
                      </p>
                    ))}
                  </td>
                </tr>
                <tr>
                  <td style={s.footer}>
                    {content.footer}
                    <br />
                    Laurel ·{' '}
                    <a href={publicUrl} style={s.link}>
                      {host}
                    </a>
                  </td>
                </tr>
              </LayoutTable>
            </td>
          </tr>
        </LayoutTable>
      </body>
    </html>
  );
}
