/**
 * The Local demo fills the blob references of an example body (BES Submit's) from the running
 * stack: its own Azurite, the sample input it uploads at start, and a container SAS fetched when
 * the user asks. Nothing here is baked into the build: the addresses come from the served demo
 * config and the SAS from the stack's demo endpoint.
 */

export interface DemoBlobFill {
  /** The stack's blob endpoint, e.g. http://127.0.0.1:10000/devstoreaccount1 */
  blobEndpoint: string;
  /** "container/blob" of the sample input and of the output written beside it. */
  input: string;
  output: string;
  /** A SAS query string that covers both, with or without its leading `?`. */
  sasToken: string;
}

export type DemoFillResult =
  { ok: true; body: string; filled: string[] } | { ok: false; message: string };

type Obj = Record<string, unknown>;

const REFERENCE_KEYS = ['ConnectionString', 'BaseLocation', 'RelativeLocation', 'SasBlobToken'];

function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isBlobReference(value: unknown): value is Obj {
  return isObj(value) && REFERENCE_KEYS.some((key) => key in value);
}

/** Where the body has blob references: `Inputs.input1`, `Outputs.output1`, legacy `Input`. */
export function blobReferencePlaces(body: unknown): string[] {
  if (!isObj(body)) return [];
  const places: string[] = [];
  if (isBlobReference(body.Input)) places.push('Input');
  for (const group of ['Inputs', 'Outputs'] as const) {
    const refs = body[group];
    if (!isObj(refs)) continue;
    for (const [name, ref] of Object.entries(refs))
      if (isBlobReference(ref)) places.push(`${group}.${name}`);
  }
  return places;
}

/** Whether the text is a JSON body with blob references the demo stack can fill. */
export function canFillFromDemo(text: string): boolean {
  // Asked on every change of the body: a body without those names is not parsed at all.
  if (!REFERENCE_KEYS.some((key) => text.includes(`"${key}"`))) return false;
  try {
    return blobReferencePlaces(JSON.parse(text)).length > 0;
  } catch {
    return false;
  }
}

// A second output of the same job must not overwrite the first: its name goes into the blob's.
function outputBlob(output: string, name: string, index: number): string {
  if (index === 0) return output;
  const dot = output.lastIndexOf('.');
  return dot > output.lastIndexOf('/')
    ? `${output.slice(0, dot)}-${name}${output.slice(dot)}`
    : `${output}-${name}`;
}

/**
 * The body with every blob reference pointing at the stack's storage by base location and SAS
 * (a connection string's account key would never reach the browser): inputs read the sample,
 * outputs are written beside it. Everything else in the body is kept as it is.
 */
export function fillFromDemo(text: string, fill: DemoBlobFill): DemoFillResult {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {
      ok: false,
      message:
        'The body is not valid JSON, so its blob references cannot be filled: fix it, or press Reset to start from the example.',
    };
  }
  const places = blobReferencePlaces(body);
  if (!isObj(body) || places.length === 0) {
    return {
      ok: false,
      message:
        'The body has no blob references (Inputs or Outputs with a RelativeLocation) to fill.',
    };
  }
  const baseLocation = `${fill.blobEndpoint.replace(/\/+$/, '')}/`;
  const sasToken = fill.sasToken.startsWith('?') ? fill.sasToken : `?${fill.sasToken}`;
  const reference = (relativeLocation: string): Obj => ({
    BaseLocation: baseLocation,
    RelativeLocation: relativeLocation,
    SasBlobToken: sasToken,
  });
  const next: Obj = { ...body };
  if (places.includes('Input')) next.Input = reference(fill.input);
  for (const group of ['Inputs', 'Outputs'] as const) {
    const refs = body[group];
    if (!isObj(refs)) continue;
    let index = 0;
    next[group] = Object.fromEntries(
      Object.entries(refs).map(([name, ref]) => {
        if (!isBlobReference(ref)) return [name, ref];
        const location = group === 'Inputs' ? fill.input : outputBlob(fill.output, name, index++);
        return [name, reference(location)];
      }),
    );
  }
  return { ok: true, body: JSON.stringify(next, null, 2), filled: places };
}

/** The SAS query of a container SAS URL (`https://.../container?sv=...`), with its `?`. */
export function sasTokenOf(containerUrl: string): string {
  const at = containerUrl.indexOf('?');
  return at === -1 ? '' : containerUrl.slice(at);
}
