/**
 * `npx tsx bench/trace-load.ts [operations]`: where the time of one definition load goes.
 * Serves the bench build (.data/bench-dist, from `npm run bench`) and a generated definition,
 * records a Chromium trace of one page load and prints, for the page's main thread and the
 * definition worker, every task over 4 ms with its start (ms from navigation start), its
 * length and the calls that took most of it. Prints figures; asserts nothing.
 */
import { benchPage, caseApi, launchBenchBrowser, openUntilUsable, serveDist } from './harness';
import type { BenchState } from './measure-in-page';

const operations = Number(process.argv[2] ?? 10_000);
const shape = operations >= 10_000 ? { tags: 200, perTag: 50 } : undefined;

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event: unlike dur, not stretched by other processes. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

async function main(): Promise<void> {
  const portal = await serveDist();
  const { api } = await caseApi(operations, shape);
  const browser = await launchBenchBrowser();
  try {
    for (let run = 0; run < Number(process.env.RUNS ?? 1); run++) {
      const page = await benchPage(browser, portal, api.url);
      const context = page.context();
      await browser.startTracing(page, {
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'blink.user_timing',
          'v8',
          'v8.execute',
          'loading',
        ],
      });
      const cdp = process.env.PROFILE ? await context.newCDPSession(page) : undefined;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      await openUntilUsable(page, portal);
      await page.waitForTimeout(300);
      const now = await page.evaluate(() => {
        performance.mark('trace-probe');
        return performance.now();
      });
      const state = await page.evaluate(
        () => (window as unknown as { __bench: BenchState }).__bench,
      );
      const timing = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .filter((e) => /openapi\.json|config\.json|\.js$/.test(e.name))
          .map((e) => {
            const r = e as PerformanceResourceTiming;
            return `${new URL(r.name).pathname.padEnd(48)} start ${r.startTime.toFixed(0).padStart(5)} ttfb ${r.responseStart.toFixed(0).padStart(5)} end ${r.responseEnd.toFixed(0).padStart(5)}`;
          }),
      );
      const profile = cdp ? (await cdp.send('Profiler.stop')).profile : undefined;
      const buffer = await browser.stopTracing();
      const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
      const probe = events.find((e) => e.name === 'trace-probe');
      if (!probe) throw new Error('no probe mark in the trace');
      const origin = probe.ts - now * 1000;
      if (profile) {
        // Self time by function on the page's main thread, from the catalog's arrival to usable.
        const from = events.find((e) => e.name === 'portico:catalog-received')?.ts ?? 0;
        const to = origin + (state.usableAt ?? 0) * 1000;
        const self = new Map<string, number>();
        const byId = new Map(profile.nodes.map((n) => [n.id, n]));
        const deltas = profile.timeDeltas ?? [];
        let ts = profile.startTime;
        (profile.samples ?? []).forEach((id, i) => {
          ts += deltas[i] ?? 0;
          const node = byId.get(id);
          if (!node || ts < from || ts > to) return;
          const f = node.callFrame;
          const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
          self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
        });
        const top = [...self].filter(([k]) => !/^\((idle|program|garbage collector)\)/.test(k));
        top.sort((a, b) => b[1] - a[1]);
        console.log(
          `  main thread self time (ms) in the ${((to - from) / 1000).toFixed(0)} ms from catalog to usable:`,
        );
        for (const [k, v] of top.slice(0, 25)) console.log(`    ${v.toFixed(1).padStart(6)}  ${k}`);
      }
      const at = (ts: number): string => ((ts - origin) / 1000).toFixed(0).padStart(5);
      const threads = new Map<string, string>();
      for (const e of events)
        if (e.ph === 'M' && e.name === 'thread_name')
          threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
      console.log(`\nrun ${run + 1}: usable at ${state.usableAt?.toFixed(0)} ms`);
      for (const line of timing) console.log('  ' + line);
      const marks = events
        .filter((e) => e.name.startsWith('portico:') && e.ph !== 'e')
        .sort((a, b) => a.ts - b.ts);
      for (const m of marks) console.log(`  ${at(m.ts)} ms  ${m.name}`);
      // CPU time of the page's main thread from the catalog's arrival to usable: what the page
      // itself spends to show the list, comparable between runs on a busy machine.
      const received = marks.find((m) => m.name === 'portico:catalog-received');
      if (received) {
        const usableTs = origin + (state.usableAt ?? 0) * 1000;
        const key = `${received.pid}:${received.tid}`;
        const cpu = events
          .filter(
            (e) =>
              `${e.pid}:${e.tid}` === key &&
              e.ph === 'X' &&
              (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') &&
              e.ts + (e.dur ?? 0) >= received.ts &&
              e.ts <= usableTs,
          )
          .reduce((sum, e) => sum + (e.tdur ?? 0), 0);
        console.log(`  main thread CPU, catalog received -> usable: ${(cpu / 1000).toFixed(0)} ms`);
      }
      const interesting = [...threads].filter(([, n]) => /CrRendererMain|DedicatedWorker/.test(n));
      for (const [key, name] of interesting) {
        const own = events
          .filter((e) => `${e.pid}:${e.tid}` === key && e.ph === 'X' && e.ts >= origin)
          .sort((a, b) => a.ts - b.ts);
        if (!own.some((e) => (e.dur ?? 0) > 4000)) continue;
        console.log(`  ${name} (${key})`);
        const tasks = own.filter(
          (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask',
        );
        for (const task of tasks) {
          if ((task.dur ?? 0) < 4000) continue;
          const end = task.ts + (task.dur ?? 0);
          const inside = own.filter(
            (e) =>
              e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && (e.dur ?? 0) > 2000,
          );
          const label = (e: TraceEvent): string => {
            const d = e.args?.data ?? {};
            const fn =
              typeof d.functionName === 'string' && d.functionName ? ` ${d.functionName}` : '';
            const url = typeof d.url === 'string' && d.url ? ` ${d.url.split('/').pop()}` : '';
            return `${e.name}${fn}${url}`;
          };
          const top = inside
            .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
            .slice(0, 6)
            .map((e) => `${label(e)} ${((e.dur ?? 0) / 1000).toFixed(0)}`)
            .join(' | ');
          console.log(
            `    ${at(task.ts)} +${((task.dur ?? 0) / 1000).toFixed(0).padStart(4)} ms (cpu ${((task.tdur ?? 0) / 1000).toFixed(0).padStart(3)})  ${top}`,
          );
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await api.close();
    await portal.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
