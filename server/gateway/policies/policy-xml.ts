import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One node of a policy document, with where it starts in the text as sent. */
export type XmlNode = XmlElement | XmlText | XmlComment;

export interface XmlElement {
  kind: 'element';
  name: string;
  attributes: Array<{ name: string; value: string }>;
  children: XmlNode[];
  /** Offset of its `<` in the text as sent. */
  offset: number;
}

export interface XmlText {
  kind: 'text';
  text: string;
}

export interface XmlComment {
  kind: 'comment';
  text: string;
}

/** What the text as sent says, with offsets mapped back to it. */
export interface XmlDocument {
  /** Comments before the root element (APIM keeps Starter's `<!-- IMPORTANT ... -->`). */
  leading: XmlComment[];
  root: XmlElement;
  /** 1-based line and column of an offset in the text as sent. */
  position(offset: number): { line: number; column: number };
  /** Offset of attribute `name` of `element` in the text as sent (the element's when not found). */
  attributeOffset(element: XmlElement, name: string): number;
}

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

type RawNode = Record<string, unknown>;

const META = XMLParser.getMetaDataSymbol() as unknown as string;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: false,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  commentPropName: '#comment',
  // Entities are decoded below in one pass: the parser would decode `&amp;` first and leave
  // `&#65;` as is, so a second pass could not tell `&amp;#65;` from `&#65;`.
  processEntities: false,
  captureMetaData: true,
});

/** A region of the parsed text that differs from the text as sent (rawxml expressions). */
interface Shift {
  parsedStart: number;
  parsedEnd: number;
  originalStart: number;
  originalEnd: number;
}

/**
 * Parses a policy document with fast-xml-parser. `rawxml` expressions (`@(...)`, `@{...}`) are
 * taken as written, so their `<`, `>`, `&` and quotes are XML-encoded before parsing.
 */
export function parsePolicyXml(text: string, format: 'xml' | 'rawxml'): XmlDocument {
  if (/<!DOCTYPE/i.test(text))
    throw new XmlSyntaxError('A policy document cannot declare a DOCTYPE.', undefined, undefined);
  const { parsed, shifts } =
    format === 'rawxml' ? encodeRawExpressions(text) : { parsed: text, shifts: [] };
  const toOriginal = (offset: number): number => originalOffset(shifts, offset);
  const position = (offset: number) => lineAndColumn(text, offset);

  const valid = XMLValidator.validate(parsed, { allowBooleanAttributes: false });
  if (valid !== true) {
    const at = toOriginal(offsetOf(parsed, valid.err.line, valid.err.col));
    const { line, column } = position(at);
    throw new XmlSyntaxError(`The policy is not well-formed XML: ${valid.err.msg}`, line, column);
  }

  const raw = parser.parse(parsed) as RawNode[];
  const leading: XmlComment[] = [];
  let root: XmlElement | undefined;
  for (const node of raw) {
    const converted = convert(node, toOriginal, position);
    if (!converted) continue;
    if (converted.kind === 'comment' && !root) leading.push(converted);
    else if (converted.kind === 'element') root = converted;
  }
  if (!root) throw new XmlSyntaxError('The policy document is empty.', 1, 1);
  return {
    leading,
    root,
    position,
    attributeOffset: (element, name) => {
      const end = text.indexOf('>', element.offset);
      const tag = text.slice(element.offset, end < 0 ? undefined : end);
      const match = new RegExp(`\\s${name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\s*=`).exec(tag);
      return match ? element.offset + match.index + 1 : element.offset;
    },
  };
}

/** With parseTagValue off the parser gives a comment's text as a string; anything else is none. */
function commentText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function convert(
  node: RawNode,
  toOriginal: (offset: number) => number,
  position: (offset: number) => { line: number; column: number },
): XmlNode | undefined {
  const name = Object.keys(node).find((key) => key !== ':@');
  if (name === undefined || name === '?xml') return undefined;
  const content = node[name];
  // Decoded by the parent, which knows where it is.
  if (name === '#text') return { kind: 'text', text: String(content) };
  if (name === '#comment') {
    const parts = Array.isArray(content) ? (content as RawNode[]) : [];
    return { kind: 'comment', text: parts.map((part) => commentText(part['#text'])).join('') };
  }
  if (name.startsWith('?'))
    throw new XmlSyntaxError(`Processing instruction <${name}> is not allowed.`, 1, 1);
  const meta = (node as Record<string, unknown>)[META] as { startIndex?: number } | undefined;
  const offset = toOriginal(meta?.startIndex ?? 0);
  const where = position(offset);
  const attributes = Object.entries((node[':@'] ?? {}) as Record<string, unknown>).map(
    ([attribute, value]) => ({ name: attribute, value: decodeEntities(String(value), where) }),
  );
  const children: XmlNode[] = [];
  for (const child of Array.isArray(content) ? (content as RawNode[]) : []) {
    const converted = convert(child, toOriginal, position);
    if (!converted) continue;
    children.push(
      converted.kind === 'text'
        ? { kind: 'text', text: decodeEntities(converted.text, where) }
        : converted,
    );
  }
  return { kind: 'element', name, attributes, children, offset };
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string, where: { line: number; column: number } | undefined): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    const named = NAMED[entity];
    if (named !== undefined) return named;
    throw new XmlSyntaxError(`Unknown entity ${whole}.`, where?.line, where?.column);
  });
}

function encodeRawExpressions(text: string): { parsed: string; shifts: Shift[] } {
  const shifts: Shift[] = [];
  let parsed = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      i = end < 0 ? text.length : end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      i = end < 0 ? text.length : end + 3;
      continue;
    }
    const next = text[i + 1];
    if (text[i] === '@' && (next === '(' || next === '{') && startsValue(text, i)) {
      const end = closingBracket(text, i + 1);
      if (end > 0) {
        const expression = text.slice(i, end + 1);
        const encoded = expression.replace(/[&<>"']/g, (c) => ENCODED[c] ?? c);
        parsed += text.slice(copied, i);
        shifts.push({
          parsedStart: parsed.length,
          parsedEnd: parsed.length + encoded.length,
          originalStart: i,
          originalEnd: end + 1,
        });
        parsed += encoded;
        copied = end + 1;
        i = end + 1;
        continue;
      }
    }
    i += 1;
  }
  return { parsed: parsed + text.slice(copied), shifts };
}

const ENCODED: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** An expression is a whole attribute value or a whole element text: `"@(`, `'@(`, `>@(`. */
function startsValue(text: string, at: number): boolean {
  let j = at - 1;
  while (j >= 0 && /\s/.test(text[j] ?? '')) j -= 1;
  const before = text[j];
  return before === '"' || before === "'" || before === '>';
}

/** The index of the bracket closing the one at `open`, skipping C# string and char literals. */
export function closingBracket(text: string, open: number): number {
  const opening = text[open];
  const closing = opening === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const verbatim = c === '"' && text[i - 1] === '@';
      i += 1;
      while (i < text.length && text[i] !== c) {
        if (verbatim && text[i] === '"' && text[i + 1] === '"') i += 1;
        else if (!verbatim && text[i] === '\\') i += 1;
        i += 1;
      }
    } else if (c === opening) depth += 1;
    else if (c === closing) {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function originalOffset(shifts: readonly Shift[], offset: number): number {
  let delta = 0;
  for (const shift of shifts) {
    if (offset < shift.parsedStart) break;
    if (offset < shift.parsedEnd) return shift.originalStart;
    delta = shift.originalEnd - shift.parsedEnd;
  }
  return offset + delta;
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l += 1) {
    const next = text.indexOf('\n', offset);
    if (next < 0) break;
    offset = next + 1;
  }
  return offset + Math.max(0, column - 1);
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * APIM's own serialization of a stored policy: one element per line, `\r\n` and two spaces per
 * level, `<x />` for an empty element, text-only elements on one line, `>` written `&gt;`.
 */
export function serializePolicyXml(document: Pick<XmlDocument, 'leading' | 'root'>): string {
  const lines: string[] = document.leading.map((comment) => `<!--${comment.text}-->`);
  writeElement(document.root, 0, lines);
  return lines.join('\r\n');
}

function writeElement(element: XmlElement, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  const attributes = element.attributes
    .map((attribute) => ` ${attribute.name}="${escapeAttribute(attribute.value)}"`)
    .join('');
  const meaningful = element.children.filter(
    (child) => child.kind !== 'text' || child.text.trim() !== '',
  );
  // As .NET's XDocument without PreserveWhitespace: whitespace-only text is not content.
  if (meaningful.length === 0) {
    lines.push(`${indent}<${element.name}${attributes} />`);
    return;
  }
  if (meaningful.every((child) => child.kind === 'text')) {
    const text = meaningful.map((child) => (child.kind === 'text' ? child.text : '')).join('');
    lines.push(`${indent}<${element.name}${attributes}>${escapeText(text)}</${element.name}>`);
    return;
  }
  lines.push(`${indent}<${element.name}${attributes}>`);
  for (const child of meaningful) {
    if (child.kind === 'element') writeElement(child, depth + 1, lines);
    else if (child.kind === 'comment') lines.push(`${indent}  <!--${child.text}-->`);
    else lines.push(`${indent}  ${escapeText(child.text.trim())}`);
  }
  lines.push(`${indent}</${element.name}>`);
}

/** Escapes element text as the serializer writes it. */
export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ENCODED[c] ?? c);
}

/** Escapes a double-quoted attribute value as the serializer writes it. */
export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"\r\n\t]/g, (c) => ATTRIBUTE_ENCODED[c] ?? c);
}

const ATTRIBUTE_ENCODED: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#xD;',
  '\n': '&#xA;',
  '\t': '&#x9;',
};
