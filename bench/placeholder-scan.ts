/**
 * Placeholder scan benchmark (prints figures, asserts nothing): findPlaceholders runs on every
 * keystroke in the body editor, so inputs built to make a regular expression backtrack (long
 * runs of one character class, many separators) must stay linear. Run: npx tsx bench/placeholder-scan.ts
 */
import { findPlaceholders, MAX_SCANNED_BODY_CHARS } from '../src/core/request/placeholder-values';

const SIZE = MAX_SCANNED_BODY_CHARS - 64;
const fill = (unit: string): string => unit.repeat(Math.floor(SIZE / unit.length));

const bodies: Array<[string, string, boolean]> = [
  ['hyphenated words', JSON.stringify({ a: fill('word-') }), true],
  ['dotted segments', JSON.stringify({ a: fill('a.') }), true],
  ['hosts and hyphens', JSON.stringify({ a: fill('https://a-b.c-d.') }), true],
  ['unclosed angle brackets', JSON.stringify({ a: `<${fill('x ')}` }), true],
  ['name=value pairs', fill('a=b&'), false],
  ['almost REDACTED', fill('a=REDACTEDx '), false],
  ['stars and dots', fill('**..'), false],
  [
    'a real BES body, many rows',
    JSON.stringify({ Values: Array.from({ length: 8000 }, (_, i) => [`review ${i}, a good day`]) }),
    true,
  ],
];

console.log(`findPlaceholders over bodies of about ${(SIZE / 1024).toFixed(0)} KB (median of 5)`);
for (const [name, body, json] of bodies) {
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    findPlaceholders(body, { json });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${name.padEnd(28)} ${String(body.length).padStart(8)} chars  ${times[2]?.toFixed(1)} ms`,
  );
}
