import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLASSIC_RETIRED_NOTE, retiredServiceNote } from './retired-service';

describe('retiredServiceNote', () => {
  it("knows a classic web service's region host, whatever the path", () => {
    expect(retiredServiceNote('https://ussouthcentral.services.azureml.net')).toBe(
      CLASSIC_RETIRED_NOTE,
    );
    expect(retiredServiceNote('https://europewest.services.azureml.net/workspaces/w')).toBe(
      CLASSIC_RETIRED_NOTE,
    );
  });

  it("says nothing of today's endpoints, gateways or hosts that only look alike", () => {
    expect(retiredServiceNote('https://x.eastus.inference.ml.azure.com')).toBeUndefined();
    expect(retiredServiceNote('https://contoso.azure-api.net/azureml-demo')).toBeUndefined();
    expect(retiredServiceNote('https://services.azureml.net.example.com')).toBeUndefined();
    expect(retiredServiceNote('not a url')).toBeUndefined();
  });

  it('marks the one retired environment the shipped config offers, by its name too', () => {
    const shipped = JSON.parse(
      readFileSync(new URL('../../../public/portico.config.json', import.meta.url), 'utf8'),
    ) as { environments: Array<{ name: string; baseUrl: string }> };
    const retired = shipped.environments.filter((e) => retiredServiceNote(e.baseUrl));
    expect(retired.map((e) => e.name)).toEqual([
      'Azure ML Studio (classic) web service, direct (retired)',
    ]);
  });
});
