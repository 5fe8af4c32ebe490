/**
 * A cookie-keeping HTTP client that behaves like a browser submitting our forms: it carries
 * the session and CSRF cookies and puts the CSRF token in each form it posts.
 */
export class WebClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  get csrf(): string | undefined {
    return this.cookies.get('laurel_csrf');
  }

  hasSession(): boolean {
    return this.cookies.has('laurel_session');
  }

  async get(path: string, extraHeaders: Record<string, string> = {}): Promise<PageResponse> {
    return this.request('GET', path, undefined, undefined, extraHeaders);
  }

  /** Posts a urlencoded form with this client's CSRF token (unless the fields set `_csrf`). */
  async post(path: string, fields: Record<string, string> = {}): Promise<PageResponse> {
    if (!this.csrf) await this.get('/login');
    const body = new URLSearchParams({ _csrf: this.csrf ?? '', ...fields });
    return this.request('POST', path, body.toString(), 'application/x-www-form-urlencoded');
  }

  async postMultipart(path: string, form: FormData): Promise<PageResponse> {
    if (!this.csrf) await this.get('/login');
    const sep = path.includes('?') ? '&' : '?';
    return this.request('POST', `${path}${sep}_csrf=${encodeURIComponent(this.csrf ?? '')}`, form);
  }

  private async request(
    method: string,
    path: string,
    body?: string | FormData,
    contentType?: string,
    extraHeaders: Record<string, string> = {},
  ): Promise<PageResponse> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (this.cookies.size)
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (contentType) headers['content-type'] = contentType;
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) this.storeCookie(line);
    return {
      status: res.status,
      location: res.headers.get('location'),
      html: await res.text(),
      headers: res.headers,
    };
  }

  private storeCookie(line: string): void {
    const [pair = '', ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some(
      (a) => /^\s*max-age=0$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a),
    );
    if (!value || expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

export interface PageResponse {
  status: number;
  location: string | null;
  html: string;
  headers: Headers;
}

/** The first link in an email's text that starts with `prefix` (relative to the public URL). */
export function linkIn(text: string, pathPrefix: string): string {
  const match = text.match(
    new RegExp(`https?://[^\\s"<>]*${pathPrefix.replace(/[/?]/g, '\\$&')}[^\\s"<>]*`),
  );
  if (!match) throw new Error(`No link to ${pathPrefix} in:\n${text}`);
  return match[0];
}

/** The path and query of an emailed link, to follow it with a WebClient. */
export function pathOf(link: string): string {
  const u = new URL(link);
  return u.pathname + u.search;
}
