import type { ReactNode } from 'react';
import type { User } from '../../core/entities.ts';
import { Layout, PageHeader, renderPage } from '../components/index.ts';
import { isObject, readOperations, type DocOperation, type Json } from './openapi-reading.ts';

function Paragraphs({ text, inline: asInline = false }: { text: string; inline?: boolean }) {
  // The document's descriptions use a little Markdown: `code` and **bold**.
  const inline = (line: string): ReactNode[] =>
    line.split(/(`[^`]+`|\*\*[^*]+\*\*)/).map((part, i) => {
      if (part.startsWith('`') && part.endsWith('`'))
        return <code key={i}>{part.slice(1, -1)}</code>;
      if (part.startsWith('**') && part.endsWith('**'))
        return <strong key={i}>{part.slice(2, -2)}</strong>;
      return part;
    });
  if (asInline) return <>{inline(text)}</>;
  return (
    <>
      {text
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i}>{inline(p)}</p>
        ))}
    </>
  );
}

/** A preformatted block (the stylesheet's scrolling, wrapping text box). */
function Block({ text }: { text: string }) {
  return <pre className="email-text">{text}</pre>;
}

function Example({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="stack-sm">
      <h4 className="text-sm font-semibold">{label}</h4>
      <Block text={JSON.stringify(value, null, 2)} />
    </div>
  );
}

function Operation({ op, baseUrl }: { op: DocOperation; baseUrl: string }) {
  const pathParams = op.parameters.filter((p) => p.in !== 'header');
  const headers = op.parameters.filter((p) => p.in === 'header');
  const curl = [
    `curl${op.method === 'GET' ? '' : ` -X ${op.method}`} ${baseUrl}${op.path}`,
    '  -H "Authorization: Bearer crd_live_…"',
    ...(op.requestExample === undefined
      ? []
      : ['  -H "Content-Type: application/json"', `  -d '${JSON.stringify(op.requestExample)}'`]),
  ].join(' \\\n');
  return (
    <section className="card" id={op.id} aria-labelledby={`${op.id}-title`}>
      <div className="card__header">
        <h3 className="card__title" id={`${op.id}-title`}>
          <span
            className={`pill pill--sm ${op.method === 'GET' ? 'pill--info' : op.method === 'DELETE' ? 'pill--danger' : 'pill--success'}`}
          >
            {op.method}
          </span>{' '}
          <code>{op.path}</code>
        </h3>
        <p className="card__subtitle">{op.summary}</p>
      </div>
      <div className="card__body stack">
        {op.description ? <Paragraphs text={op.description} /> : null}
        {pathParams.length + headers.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">Parameters of {op.summary}</caption>
              <thead>
                <tr>
                  <th scope="col">Parameter</th>
                  <th scope="col">In</th>
                  <th scope="col">Type</th>
                  <th scope="col">Description</th>
                </tr>
              </thead>
              <tbody>
                {[...pathParams, ...headers].map((p) => (
                  <tr key={`${p.in}-${p.name}`}>
                    <td>
                      <code>{p.name}</code>
                      {p.required ? ' (required)' : ''}
                    </td>
                    <td>{p.in}</td>
                    <td>{p.type}</td>
                    <td>{p.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <h4 className="text-sm font-semibold">Example request</h4>
        <Block text={curl} />
        {op.requestExample === undefined ? null : (
          <Example label="Request body" value={op.requestExample} />
        )}
        <h4 className="text-sm font-semibold">Responses</h4>
        <div className="stack">
          {op.responses.map((r) => (
            <div key={r.status} className="stack-sm">
              <p>
                <strong>{r.status}</strong> <Paragraphs text={r.description} inline />
              </p>
              {r.headers.length ? (
                <p className="text-sm text-muted">
                  Headers:{' '}
                  {r.headers.map((h, i) => (
                    <span key={h}>
                      {i ? ', ' : ''}
                      <code>{h}</code>
                    </span>
                  ))}
                </p>
              ) : null}
              <Block text={JSON.stringify(r.example, null, 2)} />
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}

/**
 * The human-readable API reference: a static page rendered from the OpenAPI document (no
 * scripts, no external assets; the stylesheet is the app's own).
 */
export function renderApiReference(
  doc: Json,
  viewer: { user: User | null; csrfToken: string },
): string {
  const info = isObject(doc.info) ? doc.info : {};
  const servers = Array.isArray(doc.servers) ? doc.servers.filter(isObject) : [];
  const baseUrl = typeof servers[0]?.url === 'string' ? servers[0].url : '';
  const operations = readOperations(doc);
  const tags = [...new Set(operations.map((o) => o.tag))];
  return renderPage(
    <Layout title="API reference" user={viewer.user} csrfToken={viewer.csrfToken}>
      <div className="stack-xl">
        <PageHeader
          title={typeof info.title === 'string' ? info.title : 'API reference'}
          subtitle={
            <>
              Version {typeof info.version === 'string' ? info.version : '1'} · base URL{' '}
              <code>{baseUrl}</code> · machine-readable:{' '}
              <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>
            </>
          }
        />
        <div className="prose">
          {typeof info.description === 'string' ? <Paragraphs text={info.description} /> : null}
        </div>
        <nav aria-label="Operations" className="card">
          <div className="card__body">
            <ul className="list">
              {operations.map((op) => (
                <li key={op.id}>
                  <a href={`#${op.id}`}>
                    <code>
                      {op.method} {op.path}
                    </code>
                  </a>{' '}
                  — {op.summary}
                </li>
              ))}
            </ul>
          </div>
        </nav>
        {tags.map((tag) => (
          <section key={tag} className="stack-lg" aria-labelledby={`tag-${tag}`}>
            <h2 id={`tag-${tag}`}>{tag}</h2>
            {operations
              .filter((o) => o.tag === tag)
              .map((op) => (
                <Operation key={op.id} op={op} baseUrl={baseUrl} />
              ))}
          </section>
        ))}
      </div>
    </Layout>,
  );
}
