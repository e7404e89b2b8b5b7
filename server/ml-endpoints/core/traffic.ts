import { EndpointError, type FrontDoorMessages } from './endpoint-errors';

/** Percent of un-targeted calls per deployment, e.g. `{ blue: 90, green: 10 }`. */
export type Traffic = Readonly<Record<string, number>>;

/**
 * The deployment a call goes to: the one named in `azureml-model-deployment` whatever its
 * weight, else one drawn by weight with `random()` in [0, 1) (seeded in tests).
 */
export function chooseDeployment(
  traffic: Traffic,
  deployments: readonly string[],
  requested: string | undefined,
  random: () => number,
  messages: Pick<FrontDoorMessages, 'noDeployment' | 'unknownDeployment'>,
): string {
  if (requested !== undefined && requested !== '') {
    const named = deployments.find((name) => name === requested);
    if (!named) throw new EndpointError(404, messages.unknownDeployment(requested, deployments));
    return named;
  }
  const weighted = deployments
    .map((name) => [name, traffic[name] ?? 0] as const)
    .filter(([, weight]) => weight > 0);
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  if (total <= 0) throw new EndpointError(404, messages.noDeployment);
  let draw = random() * total;
  for (const [name, weight] of weighted) {
    if (draw < weight) return name;
    draw -= weight;
  }
  // random() just under 1 with rounding: the last deployment with weight.
  return (weighted[weighted.length - 1] as readonly [string, number])[0];
}

/** A small seeded generator (mulberry32), so a test can replay a split. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
