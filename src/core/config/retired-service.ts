/**
 * Addresses of services that no longer answer, known by their host wherever they appear (the
 * shipped config, an environment a user made, a definition's server): Machine Learning Studio
 * (classic) web services, `https://<region>.services.azureml.net`, ended on 31 August 2024.
 * Kept out of the config parser on purpose: the note is for the console and Settings, which load
 * lazily, and costs the first page nothing.
 */
const CLASSIC_HOST = /(^|\.)services\.azureml\.net$/i;

export const CLASSIC_RETIRED_NOTE =
  'Machine Learning Studio (classic) reached end of support on 31 August 2024: its region hosts no longer score. Deploy the model to an online endpoint (hashing-endpoint shows how) and call that instead.';

/** Why this base URL no longer works, or undefined when nothing is known against it. */
export function retiredServiceNote(baseUrl: string): string | undefined {
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return undefined;
  }
  return CLASSIC_HOST.test(host) ? CLASSIC_RETIRED_NOTE : undefined;
}
