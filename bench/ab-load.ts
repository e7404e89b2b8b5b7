/**
 * `npx tsx bench/ab-load.ts <distA> <distB> [runs]`: time to usable of two builds of the portal
 * on the 10,000-operation definition, and the longest main-thread task before it and in the
 * 500 ms after it, their runs interleaved (A, B, A, B, ...) so that the
 * machine's drift touches both alike. For judging a change to loading on a noisy machine;
 * `npm run bench` stays the figure of record.
 */
import { resolve } from 'node:path';
import { caseApi, median, openUninstrumented, serveDist } from './harness';
import type { BenchState } from './measure-in-page';

const [distA, distB] = process.argv.slice(2, 4).map((d) => resolve(d));
const RUNS = Number(process.argv[4] ?? 10);

async function main(): Promise<void> {
  if (!distA || !distB) throw new Error('Usage: tsx bench/ab-load.ts <distA> <distB> [runs]');
  const portals = { A: await serveDist(distA), B: await serveDist(distB) };
  const { api } = await caseApi(10_000, { tags: 200, perTag: 50 });
  const usable: Record<'A' | 'B', number[]> = { A: [], B: [] };
  const longest: Record<'A' | 'B', number[]> = { A: [], B: [] };
  const longestAfter: Record<'A' | 'B', number[]> = { A: [], B: [] };
  try {
    for (let i = 0; i < RUNS * 2; i++) {
      const which = i % 2 === 0 ? 'A' : 'B';
      // Each load in a browser of its own with no automation attached until it is usable.
      // Left alone 500 ms after usable, so the work that follows it is in the record too.
      const opened = await openUninstrumented(portals[which], api.url, 500);
      const state = await opened.page
        .evaluate(() => (window as unknown as { __bench: BenchState }).__bench)
        .finally(() => opened.close());
      const at = state.usableAt ?? Number.NaN;
      usable[which].push(Math.round(at));
      const longestOf = (tasks: BenchState['longTasks']): number =>
        Math.round(Math.max(0, ...tasks.map((t) => t.duration)));
      longest[which].push(longestOf(state.longTasks.filter((t) => t.start <= at)));
      longestAfter[which].push(
        longestOf(state.longTasks.filter((t) => t.start > at && t.start <= at + 500)),
      );
    }
  } finally {
    await api.close();
    await portals.A.close();
    await portals.B.close();
  }
  for (const which of ['A', 'B'] as const) {
    console.log(
      `${which} ${which === 'A' ? distA : distB}: usable, median ${median(usable[which])} ms (${usable[which].join('/')}); longest task before it, max ${Math.max(...longest[which])} ms (${longest[which].join('/')}); in the 500 ms after it, max ${Math.max(...longestAfter[which])} ms (${longestAfter[which].join('/')})`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
