import type { ResponseContract } from './policy-call';

/** The local gateway's marker on a mocked answer, so the portal can say it was mocked. */
export const MOCKED_HEADER = 'X-Portico-Mocked';

export interface MockedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * mock-response: the first example of the operation's response for `status` and `contentType`
 * (media types compared without parameters, case-insensitively). Strings are sent as they are,
 * other values as JSON; no example (or one with only an externalValue) gives an empty body.
 * Unlike APIM, no sample is generated from a schema.
 */
export function mockResponse(
  responses: readonly ResponseContract[],
  status: number,
  contentType: string,
): MockedAnswer {
  const wanted = mediaType(contentType);
  const representation = responses
    .find((response) => response.statusCode === status)
    ?.representations?.find((candidate) => mediaType(candidate.contentType) === wanted);
  const example = Object.values(representation?.examples ?? {})[0];
  const value = example?.value;
  const body = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return { status, headers: { 'Content-Type': contentType, [MOCKED_HEADER]: 'true' }, body };
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}
