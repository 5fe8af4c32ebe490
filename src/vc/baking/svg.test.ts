import { describe, expect, it } from 'vitest';
import { fixtureJson } from '../fixtures/load.ts';
import { BakingError, type BakingErrorCode } from './png.ts';
import { OB3_NAMESPACE, bakeSvg, extractFromSvg } from './svg.ts';

function codeOf(fn: () => unknown): BakingErrorCode | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof BakingError) return e.code;
    throw e;
  }
  return undefined;
}

const credential = fixtureJson('./1edtech-ob3/signed-credential.json');
const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2lnbmF0dXJl';

const PROLOG = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Badge artwork: <svg> is not here yet -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
  <!ENTITY brand "Acme > Co">
  <!-- a ] and a > in a comment -->
  <?editor keep?>
]>
`;
const ROOT = `<svg xmlns="http://www.w3.org/2000/svg"
     width='512' height="512"
     viewBox="0 0 512 512" >`;
const BODY = `
  <title>Teamwork &amp; more</title>
  <circle cx="256" cy="256" r="200" fill="#1e90ff"/>
</svg>
<!-- trailing comment -->
`;
const SVG = PROLOG + ROOT + BODY;

const ELEMENT_OPEN = '<openbadges:credential>';

describe('bakeSvg / extractFromSvg', () => {
  it('round trips a signed credential through an SVG with XML declaration, comment and DOCTYPE', () => {
    const baked = bakeSvg(SVG, credential);
    expect(JSON.parse(extractFromSvg(baked)!)).toEqual(credential);
    // Prolog and body untouched; namespace declared on the root; element right after the root start tag.
    expect(baked.startsWith(PROLOG)).toBe(true);
    expect(baked.endsWith(BODY)).toBe(true);
    const rootWithNs = ROOT.replace(' >', ` xmlns:openbadges="${OB3_NAMESPACE}" >`);
    expect(baked).toContain(
      rootWithNs +
        ELEMENT_OPEN +
        '<![CDATA[' +
        JSON.stringify(credential) +
        ']]></openbadges:credential>',
    );
  });

  it('re-baking replaces the element and does not repeat the namespace', () => {
    const other = { ...credential, name: 'Another badge' };
    const twice = bakeSvg(bakeSvg(SVG, credential), other);
    expect(twice.split(ELEMENT_OPEN)).toHaveLength(2);
    expect(twice.split('xmlns:openbadges=')).toHaveLength(2);
    expect(JSON.parse(extractFromSvg(twice)!)).toEqual(other);
    expect(twice.endsWith(BODY)).toBe(true);
  });

  it('removes a credential element that is not directly after the root, under any bound prefix', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="${OB3_NAMESPACE}"><g/>
      <ob:credential><![CDATA[{"old":1}]]></ob:credential><rect/></svg>`;
    expect(extractFromSvg(svg)).toBe('{"old":1}');
    const baked = bakeSvg(svg, credential);
    expect(baked).not.toContain('ob:credential');
    expect(baked).toContain('<g/>\n      <rect/></svg>');
    expect(JSON.parse(extractFromSvg(baked)!)).toEqual(credential);
  });

  it("splits ']]>' inside a string value across CDATA sections", () => {
    const tricky = { ...credential, description: 'arrays like a[b[0]]> are fine ]]> really' };
    const baked = bakeSvg(SVG, tricky);
    expect(baked.split('<![CDATA[')).toHaveLength(4); // two ']]>' make three sections
    expect(baked).toContain('a[b[0]]]]><![CDATA[> are fine ]]]]><![CDATA[> really');
    expect(JSON.parse(extractFromSvg(baked)!)).toEqual(tricky);
  });

  it('bakes a VC-JWT in the verify attribute and reads it back', () => {
    const baked = bakeSvg(SVG, JWT);
    expect(baked).toContain(`<openbadges:credential verify="${JWT}"></openbadges:credential>`);
    expect(extractFromSvg(baked)).toBe(JWT);
  });

  it("reads the spec's examples: verify attribute, and indented JSON in CDATA", () => {
    const jwtSvg = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg"
  xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"
  viewBox="0 0 512 512">
  <openbadges:credential verify="${JWT}"></openbadges:credential>

  <!-- rest-of-image -->
</svg>`;
    expect(extractFromSvg(jwtSvg)).toBe(JWT);
    const jsonSvg = jwtSvg.replace(
      `<openbadges:credential verify="${JWT}"></openbadges:credential>`,
      `<openbadges:credential>\n      <![CDATA[\n${JSON.stringify(credential, null, 2)}\n      ]]>\n    </openbadges:credential>`,
    );
    expect(JSON.parse(extractFromSvg(jsonSvg)!)).toEqual(credential);
  });

  it('reads entity-escaped text content and a self-closing verify element', () => {
    const escaped = JSON.stringify({ a: '<b> & "c"' })
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/"/g, '&quot;');
    const svg = `<svg xmlns:openbadges="${OB3_NAMESPACE}"><openbadges:credential>${escaped}</openbadges:credential></svg>`;
    expect(JSON.parse(extractFromSvg(svg)!)).toEqual({ a: '<b> & "c"' });
    expect(extractFromSvg(`<svg><openbadges:credential verify='${JWT}'/></svg>`)).toBe(JWT);
  });

  it('bakes into a self-closing root', () => {
    const baked = bakeSvg('<svg xmlns="http://www.w3.org/2000/svg"/>', credential);
    expect(baked).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" xmlns:openbadges="[^"]+"><openbadges:credential><!\[CDATA\[.*\]\]><\/openbadges:credential><\/svg>$/s,
    );
    expect(JSON.parse(extractFromSvg(baked)!)).toEqual(credential);
  });

  it('keeps a prefixed svg root and carries non-ASCII text', () => {
    const svg = '<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:rect/></svg:svg>';
    const named = { ...credential, name: 'Zoë’s badge 🏅' };
    const baked = bakeSvg(svg, named);
    expect(baked.endsWith('<svg:rect/></svg:svg>')).toBe(true);
    expect(JSON.parse(extractFromSvg(baked)!)).toEqual(named);
  });

  it('returns undefined when there is no credential element', () => {
    expect(extractFromSvg(SVG)).toBeUndefined();
    expect(extractFromSvg('<svg/>')).toBeUndefined();
  });

  it('refuses documents without an svg root', () => {
    expect(codeOf(() => extractFromSvg(''))).toBe('not_svg');
    expect(codeOf(() => extractFromSvg('<?xml version="1.0"?>\n<!-- nothing else -->'))).toBe(
      'not_svg',
    );
    expect(codeOf(() => bakeSvg('<html><svg/></html>', credential))).toBe('not_svg');
    expect(codeOf(() => bakeSvg('just text', credential))).toBe('not_svg');
  });

  it('refuses malformed markup it has to read', () => {
    expect(codeOf(() => extractFromSvg('<!-- never closed <svg/>'))).toBe('bad_svg');
    expect(codeOf(() => extractFromSvg('<svg width=12/>'))).toBe('bad_svg');
    expect(codeOf(() => extractFromSvg('<svg a="1" a="2"/>'))).toBe('bad_svg');
    expect(
      codeOf(() =>
        extractFromSvg('<svg><openbadges:credential><![CDATA[{}</openbadges:credential></svg>'),
      ),
    ).toBe('bad_svg');
    expect(codeOf(() => extractFromSvg('<svg><openbadges:credential>{}</svg>'))).toBe('bad_svg');
    expect(
      codeOf(() =>
        extractFromSvg('<svg><openbadges:credential><g/></openbadges:credential></svg>'),
      ),
    ).toBe('bad_svg');
    expect(
      codeOf(() =>
        extractFromSvg('<svg><openbadges:credential>&brand;</openbadges:credential></svg>'),
      ),
    ).toBe('bad_svg');
    expect(
      codeOf(() => extractFromSvg('<svg><openbadges:credential> </openbadges:credential></svg>')),
    ).toBe('invalid_credential');
  });

  it('refuses a conflicting openbadges prefix, invalid credentials and oversized input', () => {
    const ob2 =
      '<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="x"/></svg>';
    expect(codeOf(() => bakeSvg(ob2, credential))).toBe('namespace_conflict');
    expect(codeOf(() => bakeSvg(SVG, 'nope'))).toBe('invalid_credential');
    expect(codeOf(() => bakeSvg(SVG, credential, { maxImageBytes: 100 }))).toBe('too_large');
    expect(codeOf(() => extractFromSvg(SVG, { maxImageBytes: 100 }))).toBe('too_large');
  });
});
