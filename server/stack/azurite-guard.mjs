/**
 * Runs Azurite's blob service (`node azurite-guard.mjs <azurite main.js> ...its arguments`) so
 * that it always closes cleanly. Azurite runs in its own process group, out of reach of the
 * terminal's Ctrl+C, so something must stop it if the stack that started it dies: when the
 * stack's end of the stdin pipe closes (however it ended, SIGKILL included), Azurite gets the
 * one SIGTERM it handles and saves its database. Later signals are swallowed: Azurite handles
 * only its first, and a second would kill it before it has saved.
 */
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const [main, ...args] = process.argv.slice(2);
if (!main) {
  process.stderr.write('usage: node azurite-guard.mjs <azurite blob main.js> [azurite options]\n');
  process.exit(2);
}
process.argv = [process.argv[0], main, ...args];

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  // Azurite closes its server; with stdin released, the process ends once it has.
  process.stdin.destroy();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', () => {
  if (!stopping) process.kill(process.pid, 'SIGTERM');
});
process.stdin.on('error', () => {});
process.stdin.resume();

await import(pathToFileURL(main).href);
