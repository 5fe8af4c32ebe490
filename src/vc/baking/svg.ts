// Open Badges 3.0 baking for SVG (OB 3.0 §5.3.2): the root <svg> declares
// xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" and directly after its start tag comes
// one <openbadges:credential> element holding either the credential JSON in CDATA (embedded
// proof) or, for VC-JWT, an empty element with the compact JWS in its `verify` attribute.
//
// No XML parser: a small, strict scanner reads the prolog (XML declaration, processing
// instructions, comments, DOCTYPE with an internal subset), the root start tag with its
// attributes, and then tags, comments, CDATA and processing instructions far enough to find
// the credential element. Markup it cannot read is a BakingError.
import {
  BakingError,
  credentialText,
  isCompactJws,
  resolveLimits,
  type BakeableCredential,
  type BakingLimits,
} from './png.ts';

export const OB3_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';
const OB3_SVG_ELEMENT = 'openbadges:credential';

// ---------------------------------------------------------------------------------------------
// Scanner

interface Attribute {
  name: string;
  /** The value as written, entities not yet decoded. */
  raw: string;
}

interface StartTag {
  name: string;
  attributes: Attribute[];
  /** Index of '<'. */
  start: number;
  /** Index just after the name or the last attribute: where a new attribute can go. */
  attributesEnd: number;
  /** Index just after '>'. */
  end: number;
  selfClosing: boolean;
}

type Token =
  | { kind: 'start'; tag: StartTag }
  | { kind: 'end'; name: string; start: number; end: number }
  | { kind: 'text'; start: number; end: number }
  | { kind: 'cdata'; start: number; end: number; content: string }
  | { kind: 'other'; start: number; end: number }; // comment or processing instruction

const NAME = /[A-Za-z_:\u00C0-\uFFFF][\w.:\u00B7\u00C0-\uFFFF-]*/y;
const WHITESPACE = /[ \t\r\n]*/y;

function nameAt(text: string, pos: number): string | undefined {
  NAME.lastIndex = pos;
  return NAME.exec(text)?.[0];
}

function skipWhitespace(text: string, pos: number): number {
  WHITESPACE.lastIndex = pos;
  WHITESPACE.exec(text);
  return WHITESPACE.lastIndex;
}

function indexAfter(text: string, needle: string, from: number, what: string): number {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new BakingError('bad_svg', `unterminated ${what} at character ${from}`);
  return at + needle.length;
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

/** Parses the start tag whose '<' is at `pos`. */
function parseStartTag(text: string, pos: number): StartTag {
  const name = nameAt(text, pos + 1);
  if (name === undefined) throw new BakingError('bad_svg', `invalid tag at character ${pos}`);
  const attributes: Attribute[] = [];
  let i = pos + 1 + name.length;
  let attributesEnd = i;
  for (;;) {
    const before = i;
    i = skipWhitespace(text, i);
    if (text[i] === '>')
      return { name, attributes, start: pos, attributesEnd, end: i + 1, selfClosing: false };
    if (text.startsWith('/>', i))
      return { name, attributes, start: pos, attributesEnd, end: i + 2, selfClosing: true };
    const attrName = i > before ? nameAt(text, i) : undefined;
    if (attrName === undefined)
      throw new BakingError('bad_svg', `malformed <${name}> tag at character ${i}`);
    if (attributes.some((a) => a.name === attrName)) {
      throw new BakingError('bad_svg', `attribute ${attrName} repeated on <${name}>`);
    }
    i = skipWhitespace(text, i + attrName.length);
    if (text[i] !== '=') throw new BakingError('bad_svg', `attribute ${attrName} has no value`);
    i = skipWhitespace(text, i + 1);
    const quote = text[i];
    if (quote !== '"' && quote !== "'")
      throw new BakingError('bad_svg', `attribute ${attrName} is not quoted`);
    const close = text.indexOf(quote, i + 1);
    if (close < 0) throw new BakingError('bad_svg', `attribute ${attrName} is not terminated`);
    const raw = text.slice(i + 1, close);
    if (raw.includes('<'))
      throw new BakingError('bad_svg', `'<' in the value of attribute ${attrName}`);
    attributes.push({ name: attrName, raw });
    i = close + 1;
    attributesEnd = i;
  }
}

/** Skips a DOCTYPE declaration starting at `pos`, internal subset included. */
function skipDoctype(text: string, pos: number): number {
  let i = pos + '<!DOCTYPE'.length;
  let inSubset = false;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      i = indexAfter(text, c, i + 1, 'quoted string in DOCTYPE');
    } else if (inSubset && text.startsWith('<!--', i)) {
      i = indexAfter(text, '-->', i + 4, 'comment in DOCTYPE');
    } else if (inSubset && text.startsWith('<?', i)) {
      i = indexAfter(text, '?>', i + 2, 'processing instruction in DOCTYPE');
    } else if (c === '[' && !inSubset) {
      inSubset = true;
      i++;
    } else if (c === ']' && inSubset) {
      inSubset = false;
      i++;
    } else if (c === '>' && !inSubset) {
      return i + 1;
    } else {
      i++;
    }
  }
  throw new BakingError('bad_svg', 'unterminated DOCTYPE');
}

/** Index of the root element's '<', after any BOM, XML declaration, PIs, comments and DOCTYPE. */
function rootStart(text: string): number {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let sawDoctype = false;
  for (;;) {
    i = skipWhitespace(text, i);
    if (i >= text.length) throw new BakingError('not_svg', 'no root element');
    if (text.startsWith('<?', i)) {
      i = indexAfter(text, '?>', i + 2, 'processing instruction');
    } else if (text.startsWith('<!--', i)) {
      i = indexAfter(text, '-->', i + 4, 'comment');
    } else if (text.startsWith('<!DOCTYPE', i) && !sawDoctype) {
      sawDoctype = true;
      i = skipDoctype(text, i);
    } else if (text[i] === '<' && nameAt(text, i + 1) !== undefined) {
      return i;
    } else {
      throw new BakingError(
        'not_svg',
        `unexpected content before the root element at character ${i}`,
      );
    }
  }
}

/** The root start tag, which must be an `svg` element (optionally prefixed). */
function parseRoot(text: string): StartTag {
  const root = parseStartTag(text, rootStart(text));
  if (localName(root.name) !== 'svg')
    throw new BakingError('not_svg', `root element is <${root.name}>, not <svg>`);
  return root;
}

/** Whether `text` starts (after its prolog) with an <svg> root. Never throws. */
export function looksLikeSvg(text: string): boolean {
  try {
    const at = rootStart(text);
    const name = nameAt(text, at + 1);
    return name !== undefined && localName(name) === 'svg';
  } catch {
    return false;
  }
}

function* tokens(text: string, from: number): Generator<Token> {
  let i = from;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      yield { kind: 'text', start: i, end: text.length };
      return;
    }
    if (lt > i) yield { kind: 'text', start: i, end: lt };
    if (text.startsWith('<!--', lt)) {
      i = indexAfter(text, '-->', lt + 4, 'comment');
      yield { kind: 'other', start: lt, end: i };
    } else if (text.startsWith('<![CDATA[', lt)) {
      i = indexAfter(text, ']]>', lt + 9, 'CDATA section');
      yield { kind: 'cdata', start: lt, end: i, content: text.slice(lt + 9, i - 3) };
    } else if (text.startsWith('<?', lt)) {
      i = indexAfter(text, '?>', lt + 2, 'processing instruction');
      yield { kind: 'other', start: lt, end: i };
    } else if (text.startsWith('</', lt)) {
      const name = nameAt(text, lt + 2);
      if (name === undefined)
        throw new BakingError('bad_svg', `invalid end tag at character ${lt}`);
      const close = skipWhitespace(text, lt + 2 + name.length);
      if (text[close] !== '>')
        throw new BakingError('bad_svg', `malformed </${name}> at character ${lt}`);
      i = close + 1;
      yield { kind: 'end', name, start: lt, end: i };
    } else if (text.startsWith('<!', lt)) {
      throw new BakingError('bad_svg', `unexpected markup declaration at character ${lt}`);
    } else {
      const tag = parseStartTag(text, lt);
      i = tag.end;
      yield { kind: 'start', tag };
    }
  }
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replaces the predefined entities and character references; anything else is an error. */
function decodeEntities(raw: string): string {
  return raw.replace(/&([^&;\s]*);|&/g, (_m, ref: string | undefined) => {
    if (ref === undefined) throw new BakingError('bad_svg', "bare '&' in character data");
    const named = PREDEFINED[ref];
    if (named !== undefined) return named;
    const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
    const cp = m ? parseInt(m[1] ?? m[2] ?? '', m[1] ? 16 : 10) : NaN;
    if (!(cp > 0 && cp <= 0x10ffff))
      throw new BakingError('bad_svg', `unsupported entity &${ref};`);
    return String.fromCodePoint(cp);
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&quot;'));
}

// ---------------------------------------------------------------------------------------------
// The credential element

interface CredentialElement {
  start: number;
  end: number;
  verify: string | undefined;
  content: string;
}

/** Names the credential element may have: openbadges:credential, or any prefix the root binds to the OB 3.0 namespace. */
function credentialNames(root: StartTag): Set<string> {
  const names = new Set([OB3_SVG_ELEMENT]);
  for (const a of root.attributes) {
    if (a.name.startsWith('xmlns:') && decodeEntities(a.raw) === OB3_NAMESPACE)
      names.add(`${a.name.slice(6)}:credential`);
  }
  return names;
}

function isCredentialTag(tag: StartTag, names: Set<string>): boolean {
  if (names.has(tag.name)) return true;
  // Also an element that declares the namespace itself: <credential xmlns="…"> or <x:credential xmlns:x="…">.
  if (localName(tag.name) !== 'credential') return false;
  const colon = tag.name.indexOf(':');
  const declaration = colon < 0 ? 'xmlns' : `xmlns:${tag.name.slice(0, colon)}`;
  const ns = tag.attributes.find((a) => a.name === declaration);
  return ns !== undefined && decodeEntities(ns.raw) === OB3_NAMESPACE;
}

/** Reads the element whose start tag was just produced by `it`, up to its end tag. */
function readCredentialElement(
  text: string,
  tag: StartTag,
  it: Iterator<Token>,
): CredentialElement {
  const verifyAttr = tag.attributes.find((a) => a.name === 'verify');
  const verify = verifyAttr ? decodeEntities(verifyAttr.raw).trim() : undefined;
  if (tag.selfClosing) return { start: tag.start, end: tag.end, verify, content: '' };
  let content = '';
  for (let next = it.next(); !next.done; next = it.next()) {
    const token = next.value;
    switch (token.kind) {
      case 'text':
        content += decodeEntities(text.slice(token.start, token.end));
        break;
      case 'cdata':
        content += token.content;
        break;
      case 'other':
        break;
      case 'start':
        throw new BakingError('bad_svg', `<${tag.name}> must not contain elements`);
      case 'end':
        if (token.name !== tag.name)
          throw new BakingError('bad_svg', `</${token.name}> closes <${tag.name}>`);
        return { start: tag.start, end: token.end, verify, content };
    }
  }
  throw new BakingError('bad_svg', `<${tag.name}> is not closed`);
}

/** Every credential element after the root start tag, in document order (stops after the first when `firstOnly`). */
function findCredentialElements(
  text: string,
  root: StartTag,
  firstOnly: boolean,
): CredentialElement[] {
  const found: CredentialElement[] = [];
  if (root.selfClosing) return found;
  const names = credentialNames(root);
  const it = tokens(text, root.end);
  for (let next = it.next(); !next.done; next = it.next()) {
    const token = next.value;
    if (token.kind === 'start' && isCredentialTag(token.tag, names)) {
      found.push(readCredentialElement(text, token.tag, it));
      if (firstOnly) break;
    }
  }
  return found;
}

function checkSize(text: string, limits: Required<BakingLimits>): void {
  if (text.length > limits.maxImageBytes) {
    throw new BakingError('too_large', `SVG is larger than ${limits.maxImageBytes} characters`);
  }
}

// ---------------------------------------------------------------------------------------------
// Bake and extract

/**
 * Bakes a credential into an SVG: declares xmlns:openbadges on the root (an existing
 * declaration must already name the OB 3.0 namespace), removes any earlier credential
 * element, and puts one <openbadges:credential> right after the root start tag: the JSON in
 * CDATA (any ']]>' split across sections), or for a compact JWS an empty element with
 * `verify`. A self-closing root is opened and closed around it. Everything else is kept as is.
 */
export function bakeSvg(
  svg: string,
  credential: BakeableCredential,
  limits?: BakingLimits,
): string {
  const resolved = resolveLimits(limits);
  checkSize(svg, resolved);
  const payload = credentialText(credential, resolved.maxChunkBytes);
  const root = parseRoot(svg);

  const declared = root.attributes.find((a) => a.name === 'xmlns:openbadges');
  if (declared !== undefined && decodeEntities(declared.raw) !== OB3_NAMESPACE) {
    throw new BakingError(
      'namespace_conflict',
      `the root binds the openbadges prefix to ${JSON.stringify(declared.raw)}, not ${OB3_NAMESPACE}`,
    );
  }
  const element = isCompactJws(payload)
    ? `<${OB3_SVG_ELEMENT} verify="${escapeAttribute(payload)}"></${OB3_SVG_ELEMENT}>`
    : `<${OB3_SVG_ELEMENT}><![CDATA[${payload.replaceAll(']]>', ']]]]><![CDATA[>')}]]></${OB3_SVG_ELEMENT}>`;

  const namespace = declared ? '' : ` xmlns:openbadges="${OB3_NAMESPACE}"`;
  const startTag =
    svg.slice(root.start, root.attributesEnd) +
    namespace +
    (root.selfClosing ? '>' : svg.slice(root.attributesEnd, root.end));

  let rest: string;
  if (root.selfClosing) {
    rest = `</${root.name}>` + svg.slice(root.end);
  } else {
    rest = '';
    let from = root.end;
    for (const old of findCredentialElements(svg, root, false)) {
      rest += svg.slice(from, old.start);
      from = old.end;
    }
    rest += svg.slice(from);
  }
  return svg.slice(0, root.start) + startTag + element + rest;
}

/**
 * The credential text baked into an SVG (JSON or a compact JWS), from the first
 * <openbadges:credential> element: its `verify` attribute if present, else its CDATA/text
 * content, trimmed. Undefined when the SVG has no such element.
 */
export function extractFromSvg(svg: string, limits?: BakingLimits): string | undefined {
  checkSize(svg, resolveLimits(limits));
  const [found] = findCredentialElements(svg, parseRoot(svg), true);
  if (found === undefined) return undefined;
  if (found.verify) return found.verify;
  const content = found.content.trim();
  if (content === '')
    throw new BakingError('invalid_credential', 'the credential element is empty');
  return content;
}
