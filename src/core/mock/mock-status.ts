/**
 * Which declared response the Mock environment answers with. Apart from mock-response.ts (and
 * its sampler) because the console's status choice needs only this.
 */
import type { ApiOperation } from '../definition/api-model';

export type MockOperation = Pick<ApiOperation, 'responses'>;

/** What the user picked for the Mock environment: a declared status and, when it has several, an example. */
export interface MockChoice {
  /** "200", "4XX", "default"; the first 2XX when absent. */
  status?: string;
  /** The name of one of the response's examples; its first when absent. */
  example?: string;
}

/** The named examples of a declared response's first media type (JSON first), to pick from. */
export function mockExamples(
  operation: MockOperation,
  status: string | undefined,
): Array<{ name: string; summary?: string }> {
  const media = operation.responses.find((r) => r.status === status)?.content[0];
  return (media?.examples ?? []).map(({ name, summary }) =>
    summary ? { name, summary } : { name },
  );
}

/** The status a mock answers with when the user picked none: the first 2XX declared, else the first. */
export function defaultMockStatus(operation: MockOperation): string | undefined {
  return (
    operation.responses.find((r) => /^2(\d\d|XX)$/i.test(r.status))?.status ??
    operation.responses[0]?.status
  );
}

/** A real status code for a declared one: `4XX` is 400, `default` 500 (200 when no 2XX is declared). */
export function statusCodeOf(declared: string, operation: MockOperation): number {
  if (/^\d{3}$/.test(declared)) return Number(declared);
  const range = /^([1-5])XX$/i.exec(declared);
  if (range) return Number(range[1]) * 100;
  const declaresSuccess = operation.responses.some((r) => /^2/.test(r.status));
  return declaresSuccess ? 500 : 200;
}
