/**
 * `npx tsx bench/ab-load.ts <distA> <distB> [runs]`: time to usable of two builds of the portal
 * on the 10,000-operation definition, the longest main-thread task before it and in the
 * AFTER_USABLE_MS (2 s) after it, and the script that arrives in those 2 s, their runs
 * interleaved (A, B, A, B, ...) so that the machine's drift touches both alike. For judging a
 * change to loading on a noisy machine; `npm run bench` stays the figure of record.
 */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  AFTER_USABLE_MS,
  caseApi,
  median,
  openUninstrumented,
  scriptsFetchedBetween,
  serveDist,
} from './harness';
import type { BenchState } from './measure-in-page';

const [distA, distB] = process.argv.slice(2, 4).map((d) => resolve(d));
const RUNS = Number(process.argv[4] ?? 10);

async function main(): Promise<void> {
  if (!distA || !distB) throw new Error('Usage: tsx bench/ab-load.ts <distA> <distB> [runs]');
  const dists = { A: distA, B: distB };
  const portals = { A: await serveDist(distA), B: await serveDist(distB) };
  const { api } = await caseApi(10_000, { tags: 200, perTag: 50 });
  type Figures = Record<'A' | 'B', number[]>;
  const usable: Figures = { A: [], B: [] };
  const longest: Figures = { A: [], B: [] };
  const longestAfter: Figures = { A: [], B: [] };
  const scriptKbAfter: Figures = { A: [], B: [] };
  try {
    for (let i = 0; i < RUNS * 2; i++) {
      const which = i % 2 === 0 ? 'A' : 'B';
      // Each load in a browser of its own with no automation attached until it is usable, and
      // left alone AFTER_USABLE_MS after it, so the work that follows it is in the record too.
      const opened = await openUninstrumented(portals[which], api.url);
      const { state, after } = await (async () => {
        const state = await opened.page.evaluate(
          () => (window as unknown as { __bench: BenchState }).__bench,
        );
        const at = state.usableAt ?? Number.NaN;
        return { state, after: await scriptsFetchedBetween(opened.page, at, at + AFTER_USABLE_MS) };
      })().finally(() => opened.close());
      const at = state.usableAt ?? Number.NaN;
      usable[which].push(Math.round(at));
      const longestOf = (tasks: BenchState['longTasks']): number =>
        Math.round(Math.max(0, ...tasks.map((t) => t.duration)));
      longest[which].push(longestOf(state.longTasks.filter((t) => t.start <= at)));
      longestAfter[which].push(
        longestOf(state.longTasks.filter((t) => t.start > at && t.start <= at + AFTER_USABLE_MS)),
      );
      let bytes = 0;
      for (const path of after) bytes += (await stat(join(dists[which], path))).size;
      scriptKbAfter[which].push(Math.round(bytes / 1024));
    }
  } finally {
    await api.close();
    await portals.A.close();
    await portals.B.close();
  }
  const after = `${AFTER_USABLE_MS / 1000} s`;
  for (const which of ['A', 'B'] as const) {
    console.log(
      `${which} ${dists[which]}: usable, median ${median(usable[which])} ms (${usable[which].join('/')}); longest task before it, max ${Math.max(...longest[which])} ms (${longest[which].join('/')}); in the ${after} after it, max ${Math.max(...longestAfter[which])} ms (${longestAfter[which].join('/')}); script arriving in those ${after}, median ${median(scriptKbAfter[which])} KB (${scriptKbAfter[which].join('/')})`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
