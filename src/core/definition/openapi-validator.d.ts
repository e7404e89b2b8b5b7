/** Validators compiled at build time by build/openapi-validators.ts (no eval at run time). */
declare module 'virtual:openapi-validator/*' {
  import type { ErrorObject } from 'ajv';

  export const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
}
