import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePortalConfig } from './load-portal-config';
import { parseWorkflowEntries } from './workflow-entries';

const demo = readFileSync(new URL('../../../demo/portico.config.json', import.meta.url), 'utf8');

describe('parseWorkflowEntries', () => {
  it("reads the demo config's workflows, kept as written by the config loader", () => {
    const config = parsePortalConfig(JSON.parse(demo) as unknown);
    expect(parseWorkflowEntries(config.file?.workflows)).toEqual([
      {
        id: 'azureml-demo-workflows',
        title: 'AzureML Demo workflows',
        url: 'workflows/azureml-demo.arazzo.yaml',
      },
    ]);
  });

  it('takes no list as none', () => {
    expect(parseWorkflowEntries(undefined)).toEqual([]);
  });

  it.each([
    [{}, 'portico.config.json: "workflows" must be a list of { "id", "title", "url" }'],
    [['x'], 'portico.config.json: "workflows[0]" must be an object with "id", "title" and "url"'],
    [
      [{ id: 'a', url: 'w.yaml' }],
      'portico.config.json: "workflows[0].title" must be a non-empty string',
    ],
    [
      [{ id: 'a b', title: 'A', url: 'w.yaml' }],
      'portico.config.json: "workflows[0].id" may only contain letters, digits, "-" and "_"',
    ],
    [
      [
        { id: 'a', title: 'A', url: 'a.yaml' },
        { id: 'a', title: 'B', url: 'b.yaml' },
      ],
      'portico.config.json: "workflows[1].id" repeats the id "a"',
    ],
    [
      [{ id: 'a', title: 'A', url: ' ' }],
      'portico.config.json: "workflows[0].url" must be a non-empty string',
    ],
  ])('refuses %j, naming the field', (raw, message) => {
    expect(() => parseWorkflowEntries(raw)).toThrow(message);
  });
});
