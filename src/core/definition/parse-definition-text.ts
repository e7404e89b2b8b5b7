import { DefinitionError } from './definition-error';

/**
 * Parses the text of a definition: JSON when it looks like JSON (fast, native), YAML otherwise.
 * The YAML library is imported only when needed so that it stays out of the first page load.
 */
export async function parseDefinitionText(text: string, fileName?: string): Promise<unknown> {
  const trimmed = text.trimStart();
  if (trimmed === '') throw new DefinitionError(`${describeSource(fileName)} is empty`);
  const looksJson =
    trimmed.startsWith('{') || trimmed.startsWith('[') || /\.json$/i.test(fileName ?? '');
  if (looksJson) return parseJson(text, fileName);
  return parseYaml(text, fileName);
}

function describeSource(fileName: string | undefined): string {
  return fileName ? `The file "${fileName}"` : 'The definition';
}

async function parseJson(text: string, fileName: string | undefined): Promise<unknown> {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    // The JSON tokenizer is only needed to say where the error is: keep it out of the first load.
    const { findJsonSyntaxError } = await import('../request/json-syntax');
    const found = findJsonSyntaxError(text);
    const where = found ? ` at line ${found.line}, column ${found.column}` : '';
    const what = found ? `: ${found.message}` : '';
    throw new DefinitionError(`Invalid JSON${where}${what}${fileName ? ` in "${fileName}"` : ''}`, {
      location: found ? `line ${found.line}, column ${found.column}` : undefined,
      cause,
    });
  }
}

async function parseYaml(text: string, fileName: string | undefined): Promise<unknown> {
  const { parseDocument } = await import('yaml');
  const doc = parseDocument(text, { uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    // The library appends its own " at line x, column y:" and a code excerpt; keep the reason.
    let reason = error.message.split(/ at line \d+/)[0]?.trim() ?? error.message;
    // The parser reports its own stack overflow on thousands of nested levels as an error.
    if (/call stack/i.test(reason))
      reason = 'the document is nested too deeply to read (thousands of levels)';
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    throw new DefinitionError(
      `YAML error${where}: ${reason}${fileName ? ` in "${fileName}"` : ''}`,
      {
        location: pos ? `line ${pos.line}, column ${pos.col}` : undefined,
        cause: error,
      },
    );
  }
  try {
    return doc.toJS({ maxAliasCount: 10_000 }) as unknown;
  } catch (cause) {
    throw new DefinitionError(
      `YAML error: ${cause instanceof Error ? cause.message : String(cause)}${fileName ? ` in "${fileName}"` : ''}`,
      { cause },
    );
  }
}
