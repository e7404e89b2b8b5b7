/**
 * The tutorial's input CSV, put into the stack's own Azurite at every start, so that the
 * portal's BES Submit example names a blob that exists. It goes into the container the demo SAS
 * covers (portico-uploads), so a SAS fetched by the portal can both read it and write the
 * job's output beside it.
 */
import { createHash } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { UPLOADS_CONTAINER } from '../http/create-demo-service';

export const SAMPLE_CONTAINER = UPLOADS_CONTAINER;
export const SAMPLE_INPUT_BLOB = 'samples/tutorial-reviews.csv';
/** Where the portal's filled example writes the job's result. */
export const SAMPLE_OUTPUT_BLOB = 'samples/tutorial-reviews-hashed.csv';

/**
 * The tutorial's book-review table (rating in Col1, review text in Col2): its known sentence
 * first, whose features with the default parameters are 1 1 2 2 0 2 0 1.
 */
export const SAMPLE_INPUT_CSV = [
  'Col1,Col2',
  '5,This is a good day',
  '4,A gripping story that I could not put down',
  '2,"Slow to start, and the ending felt rushed"',
  '5,Worth every page',
  '1,I would not recommend this book to anyone',
  '',
].join('\n');

export interface SampleUpload {
  container: string;
  blobName: string;
  /** False when the blob was already there with the same content. */
  uploaded: boolean;
}

/**
 * Puts the sample input into the storage unless it is already there unchanged (compared by MD5),
 * so a restart neither rewrites it nor duplicates anything.
 */
export async function uploadSampleInput(connectionString: string): Promise<SampleUpload> {
  const container =
    BlobServiceClient.fromConnectionString(connectionString).getContainerClient(SAMPLE_CONTAINER);
  await container.createIfNotExists();
  const blob = container.getBlockBlobClient(SAMPLE_INPUT_BLOB);
  const body = Buffer.from(SAMPLE_INPUT_CSV, 'utf8');
  const md5 = createHash('md5').update(body).digest();
  const result = { container: SAMPLE_CONTAINER, blobName: SAMPLE_INPUT_BLOB };
  const existing = await blob.getProperties().catch((error: unknown) => {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  });
  if (existing?.contentMD5 && Buffer.from(existing.contentMD5).equals(md5)) {
    return { ...result, uploaded: false };
  }
  await blob.uploadData(body, {
    blobHTTPHeaders: { blobContentType: 'text/csv; charset=utf-8', blobContentMD5: md5 },
  });
  return { ...result, uploaded: true };
}
