import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** The Python snippet of Azure ML studio's Consume tab, as it gives it (urllib, Bearer key). */
export const CONSUME_PYTHON_PATH = new URL(
  '../ml-endpoints/http/fixtures/consume-python.py',
  import.meta.url,
);

/**
 * The snippet as a user fills it in: only the scoring URL and the key change; `extraHeaders`
 * adds one line after `headers = {...}` (APIM's subscription key header, as its docs say).
 */
export async function fillConsumeSnippet(
  url: string,
  key: string,
  extraHeaders: Record<string, string> = {},
): Promise<string> {
  const original = await readFile(CONSUME_PYTHON_PATH, 'utf8');
  let filled = original
    .replace(/^url = '.*'$/m, `url = '${url}'`)
    .replace(/^api_key = ''$/m, `api_key = '${key}'`);
  for (const [name, value] of Object.entries(extraHeaders))
    filled = filled.replace(/^(headers = \{.*\})$/m, `$1\nheaders['${name}'] = '${value}'`);
  return filled;
}

/** Runs a Python program with `python3` and resolves to what it printed. */
export async function runPython(program: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'python3',
      ['-'],
      { timeout: 30_000, env: { ...process.env, PYTHONIOENCODING: 'utf-8' } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`python3 failed: ${error.message}\n${stderr}`));
        else resolve({ stdout, stderr });
      },
    );
    child.stdin?.end(program);
  });
}
