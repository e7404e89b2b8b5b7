import type { ApiOperation } from '../definition/api-model';

/** A media type the console offers as the request's Accept, with what it means for the answer. */
export interface AcceptChoice {
  mediaType: string;
  label: string;
}

/**
 * The media types an operation's success answers come in, offered as the Accept header when
 * one of them streams (`text/event-stream`): the same operation then answers whole or as it is
 * written, and the user chooses. Empty when there is nothing to choose.
 */
export function acceptChoices(operation: Pick<ApiOperation, 'responses'>): AcceptChoice[] {
  const types: string[] = [];
  for (const response of operation.responses) {
    if (!/^2(\d\d|XX)$/i.test(response.status)) continue;
    for (const content of response.content) {
      const type = content.contentType.toLowerCase();
      if (!types.includes(type)) types.push(type);
    }
  }
  if (!types.includes('text/event-stream')) return [];
  return types.map((mediaType) => ({
    mediaType,
    label:
      mediaType === 'text/event-stream'
        ? `${mediaType} (streamed as it is written)`
        : `${mediaType} (the whole answer at once)`,
  }));
}
