import type { ApiDefinition, ApiOperationSummary } from './api-model';

export interface TagGroup<Op extends ApiOperationSummary = ApiOperationSummary> {
  tag: string;
  description?: string;
  operations: Op[];
  /** The group of webhooks, which are not calls to the API. */
  webhooks?: true;
}

/** Name of the group for operations without a tag. */
export const UNTAGGED = 'Other';
/** Name of the group of webhooks. */
export const WEBHOOKS = 'Webhooks';

/**
 * Operations grouped by tag, in the order the definition lists its tags; an operation with
 * several tags appears in each group, one without tags in "Other" at the end. Webhooks, which
 * the API calls rather than answers, come last in a group of their own whatever their tags.
 * Empty groups (e.g. everything filtered out) are left out.
 */
export function groupByTag<Op extends ApiOperationSummary>(
  operations: readonly Op[],
  tags: ApiDefinition['tags'] = [],
): Array<TagGroup<Op>> {
  const groups = new Map<string, TagGroup<Op>>();
  for (const tag of tags) {
    groups.set(tag.name, {
      tag: tag.name,
      ...(tag.description ? { description: tag.description } : {}),
      operations: [],
    });
  }
  const untagged: Op[] = [];
  const webhooks: Op[] = [];
  for (const op of operations) {
    if (op.webhook) {
      webhooks.push(op);
      continue;
    }
    if (op.tags.length === 0) untagged.push(op);
    for (const name of op.tags) {
      let group = groups.get(name);
      if (!group) {
        group = { tag: name, operations: [] };
        groups.set(name, group);
      }
      group.operations.push(op);
    }
  }
  const result = [...groups.values()].filter((g) => g.operations.length > 0);
  if (untagged.length > 0) result.push({ tag: UNTAGGED, operations: untagged });
  if (webhooks.length > 0) {
    result.push({
      tag: WEBHOOKS,
      description: 'Calls the API makes to your server',
      operations: webhooks,
      webhooks: true,
    });
  }
  return result;
}
