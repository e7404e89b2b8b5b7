import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobServiceClient } from '@azure/storage-blob';
import { startTestAzurite, type TestAzurite } from '../testing/test-azurite';
import {
  SAMPLE_CONTAINER,
  SAMPLE_INPUT_BLOB,
  SAMPLE_INPUT_CSV,
  SAMPLE_OUTPUT_BLOB,
  uploadSampleInput,
} from './sample-input';

let azurite: TestAzurite;

beforeAll(async () => {
  azurite = await startTestAzurite();
});

afterAll(async () => {
  await azurite?.stop();
});

function sampleBlob() {
  return BlobServiceClient.fromConnectionString(azurite.connectionString)
    .getContainerClient(SAMPLE_CONTAINER)
    .getBlockBlobClient(SAMPLE_INPUT_BLOB);
}

describe('uploadSampleInput (real Azurite)', () => {
  it('uploads the tutorial CSV once, leaves it alone on the next start, and repairs a changed copy', async () => {
    expect(await uploadSampleInput(azurite.connectionString)).toEqual({
      container: 'portico-uploads',
      blobName: 'samples/tutorial-reviews.csv',
      uploaded: true,
    });
    const first = await sampleBlob().getProperties();
    expect((await sampleBlob().downloadToBuffer()).toString('utf8')).toBe(SAMPLE_INPUT_CSV);
    expect(first.contentType).toBe('text/csv; charset=utf-8');

    expect((await uploadSampleInput(azurite.connectionString)).uploaded).toBe(false);
    expect((await sampleBlob().getProperties()).etag).toBe(first.etag);

    await sampleBlob().upload('Col2\nedited\n', 12);
    expect((await uploadSampleInput(azurite.connectionString)).uploaded).toBe(true);
    expect((await sampleBlob().downloadToBuffer()).toString('utf8')).toBe(SAMPLE_INPUT_CSV);

    const blobs: string[] = [];
    for await (const item of BlobServiceClient.fromConnectionString(azurite.connectionString)
      .getContainerClient(SAMPLE_CONTAINER)
      .listBlobsFlat())
      blobs.push(item.name);
    expect(blobs).toEqual(['samples/tutorial-reviews.csv']);
  });

  it('names the first row the tutorial scores', () => {
    expect(SAMPLE_INPUT_CSV.split('\n').slice(0, 2)).toEqual(['Col1,Col2', '5,This is a good day']);
  });
});

describe('the demo config', () => {
  it('tells the portal the blob the stack uploads', () => {
    const config = JSON.parse(
      readFileSync(new URL('../../demo/portico.config.json', import.meta.url), 'utf8'),
    ) as { environments: Array<{ storage?: { sample?: unknown } }> };
    const samples = config.environments.flatMap((e) => (e.storage ? [e.storage.sample] : []));
    expect(samples.length).toBeGreaterThan(0);
    for (const sample of samples)
      expect(sample).toEqual({
        input: `${SAMPLE_CONTAINER}/${SAMPLE_INPUT_BLOB}`,
        output: `${SAMPLE_CONTAINER}/${SAMPLE_OUTPUT_BLOB}`,
      });
  });
});
