import type { Plugin } from 'vite';

/** The meta tag public/early-start.js reads to start the definition worker. */
export const DEFINITION_WORKER_META = 'portico-definition-worker';

/**
 * Names the built definition worker's file in index.html, so public/early-start.js can start
 * the worker, and with it the definition's download, while the app's own JavaScript is still
 * arriving: a worker takes 100-200 ms to start on a slow machine, and a 20 MB definition
 * 200 ms more to download. The file name carries the build's hash, hence a build step.
 * The dev server gets no tag: there the app starts the worker itself, as it does when the tag
 * is missing.
 */
export function earlyDefinitionWorker(): Plugin {
  return {
    name: 'portico-early-definition-worker',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const file = Object.keys(ctx.bundle ?? {}).find((name) =>
          /(^|\/)definition-worker-[\w-]+\.js$/.test(name),
        );
        if (!file) {
          // A build without the worker's file would quietly lose the early start: say so.
          this.warn?.('The definition worker was not found in the bundle: no early start');
          return [];
        }
        return [
          {
            tag: 'meta',
            attrs: { name: DEFINITION_WORKER_META, content: `./${file}` },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}
