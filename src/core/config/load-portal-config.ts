import { DefinitionError } from '../definition/definition-error';
import { validateBaseUrl } from './environment-validation';
import { absoluteUrl, fetchText } from '../definition/fetch-text';
import { parseApimEnvironment } from '../apim/apim-environment';
import { parseApimApiSource } from '../apim/apim-api-source';
import type { ApiEntry, DemoStorage, Environment, PortalConfig } from './portal-config';

/** Thrown when portico.config.json is missing or malformed; names the file and the field. */
export class PortalConfigError extends DefinitionError {}

/** Fetches and checks the deployer's portico.config.json. */
export async function loadPortalConfig(
  url = 'portico.config.json',
  fetchImpl?: typeof fetch,
): Promise<PortalConfig> {
  const absolute = absoluteUrl(url);
  let text: string;
  try {
    ({ text } = await fetchText(absolute, {
      what: 'the portal configuration',
      ...(fetchImpl ? { fetchImpl } : {}),
    }));
  } catch (error) {
    if (error instanceof DefinitionError)
      throw new PortalConfigError(error.message, { location: absolute, cause: error });
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new PortalConfigError(
      `${fileName(url)} is not valid JSON: ${cause instanceof Error ? cause.message : ''}`,
      {
        cause,
      },
    );
  }
  return parsePortalConfig(json, fileName(url));
}

function fileName(url: string): string {
  return url.split(/[?#]/)[0]?.split('/').pop() || url;
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Checks the shape of a parsed configuration; every message names the file and the field. */
export function parsePortalConfig(json: unknown, file = 'portico.config.json'): PortalConfig {
  const fail = (field: string, problem: string): never => {
    throw new PortalConfigError(`${file}: "${field}" ${problem}`, { location: field });
  };
  const nonEmptyString = (value: unknown, field: string): string => {
    if (typeof value !== 'string' || value.trim() === '') fail(field, 'must be a non-empty string');
    return value as string;
  };
  const stringList = (value: unknown, field: string): string[] => {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== ''))
      fail(field, 'must be a list of environment ids');
    return value as string[];
  };
  if (!isObj(json)) return fail('(root)', 'must be a JSON object');
  const title = json.title === undefined ? 'Portico' : nonEmptyString(json.title, 'title');
  // With an API Management source the config may list no APIs of its own.
  if (json.apis === undefined && json.apiSource !== undefined) json.apis = [];
  if (!Array.isArray(json.apis)) fail('apis', 'must be a list of { "id", "title", "url" }');
  const apis: ApiEntry[] = [];
  const apiIds = new Set<string>();
  (json.apis as unknown[]).forEach((raw, i) => {
    if (!isObj(raw)) fail(`apis[${i}]`, 'must be an object with "id", "title" and "url"');
    const entry = raw as Obj;
    const id = nonEmptyString(entry.id, `apis[${i}].id`);
    if (!/^[A-Za-z0-9_-]+$/.test(id))
      fail(`apis[${i}].id`, 'may only contain letters, digits, "-" and "_"');
    if (apiIds.has(id)) fail(`apis[${i}].id`, `repeats the id "${id}"`);
    apiIds.add(id);
    apis.push({
      id,
      title: nonEmptyString(entry.title, `apis[${i}].title`),
      url: nonEmptyString(entry.url, `apis[${i}].url`),
      ...(entry.environments === undefined
        ? {}
        : { environments: stringList(entry.environments, `apis[${i}].environments`) }),
    });
  });
  if (json.environments === undefined) json.environments = [];
  if (!Array.isArray(json.environments)) fail('environments', 'must be a list');
  const environments: Environment[] = [];
  const envIds = new Set<string>();
  (json.environments as unknown[]).forEach((raw, i) => {
    const at = `environments[${i}]`;
    if (!isObj(raw)) fail(at, 'must be an object with "id", "name", "baseUrl" and "credentials"');
    const entry = raw as Obj;
    const id = nonEmptyString(entry.id, `${at}.id`);
    if (envIds.has(id)) fail(`${at}.id`, `repeats the id "${id}"`);
    envIds.add(id);
    const baseUrl = nonEmptyString(entry.baseUrl, `${at}.baseUrl`);
    const urlProblem = validateBaseUrl(baseUrl);
    if (urlProblem) fail(`${at}.baseUrl`, `is not usable: ${urlProblem}`);
    const credentials: Record<string, string> = {};
    if (entry.credentials !== undefined) {
      if (!isObj(entry.credentials))
        fail(`${at}.credentials`, 'must map security scheme ids to strings');
      for (const [scheme, value] of Object.entries(entry.credentials as Obj)) {
        if (typeof value !== 'string') fail(`${at}.credentials.${scheme}`, 'must be a string');
        credentials[scheme] = value as string;
      }
    }
    const environment: Environment = {
      id,
      name: nonEmptyString(entry.name ?? id, `${at}.name`),
      baseUrl: baseUrl.trim(),
      credentials,
      builtIn: true,
    };
    if (entry.storage !== undefined) {
      const storage = entry.storage;
      if (!isObj(storage)) return fail(`${at}.storage`, 'must be an object with "sasEndpoint"');
      environment.storage = {
        sasEndpoint: nonEmptyString(storage.sasEndpoint, `${at}.storage.sasEndpoint`),
        ...parseDemoSample(storage, `${at}.storage`, fail),
      };
    }
    if (entry.apim !== undefined)
      environment.apim = parseApimEnvironment(entry.apim, `${at}.apim`, fail);
    environments.push(environment);
  });
  const config: PortalConfig = { title, apis, environments, file: json };
  if (json.apiSource !== undefined)
    config.apiSource = parseApimApiSource(json.apiSource, 'apiSource', envIds, fail);
  if (json.defaultEnvironment !== undefined) {
    const chosen = nonEmptyString(json.defaultEnvironment, 'defaultEnvironment');
    if (!envIds.has(chosen))
      fail('defaultEnvironment', `names "${chosen}", which is not one of the environments' ids`);
    config.defaultEnvironment = chosen;
  }
  return config;
}

/** The demo stack's storage address and sample blob (both optional, only in the demo config). */
function parseDemoSample(
  storage: Record<string, unknown>,
  at: string,
  fail: (field: string, problem: string) => never,
): Pick<DemoStorage, 'blobEndpoint' | 'sample'> {
  const out: Pick<DemoStorage, 'blobEndpoint' | 'sample'> = {};
  if (storage.blobEndpoint !== undefined) {
    const url = storage.blobEndpoint;
    if (typeof url !== 'string' || !/^https?:\/\/[^/?#]+/i.test(url))
      fail(`${at}.blobEndpoint`, 'must be an http(s) URL');
    out.blobEndpoint = url.replace(/\/+$/, '');
  }
  if (storage.sample !== undefined) {
    const sample = storage.sample as Record<string, unknown> | null;
    const blob = (value: unknown, field: string): string => {
      if (typeof value !== 'string' || !/^[^/]+\/.+/.test(value))
        fail(`${at}.sample.${field}`, 'must be "container/blob name"');
      return value;
    };
    if (typeof sample !== 'object' || sample === null)
      fail(`${at}.sample`, 'must be an object with "input" and "output"');
    out.sample = { input: blob(sample?.input, 'input'), output: blob(sample?.output, 'output') };
  }
  return out;
}
