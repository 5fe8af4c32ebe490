/** What a link to a page shows when it is shared on LinkedIn, X, Slack…; every URL absolute. */
export interface OpenGraph {
  title: string;
  description: string;
  url: string;
  image: string | null;
  /** The image in words, for people who cannot see the preview. */
  imageAlt?: string | undefined;
  /** A person's profile is a `profile`; every other page a `website`. */
  type?: 'website' | 'profile' | undefined;
}

/** The Open Graph and X card tags of one page: a large card when there is an image to show. */
export function OpenGraphTags({ og }: { og: OpenGraph }) {
  return (
    <>
      <meta property="og:type" content={og.type ?? 'website'} />
      <meta property="og:site_name" content="Laurel" />
      <meta property="og:title" content={og.title} />
      <meta property="og:description" content={og.description} />
      <meta property="og:url" content={og.url} />
      {og.image ? <meta property="og:image" content={og.image} /> : null}
      {og.image && og.imageAlt ? <meta property="og:image:alt" content={og.imageAlt} /> : null}
      <meta name="twitter:card" content={og.image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={og.title} />
      <meta name="twitter:description" content={og.description} />
      {og.image ? <meta name="twitter:image" content={og.image} /> : null}
    </>
  );
}
