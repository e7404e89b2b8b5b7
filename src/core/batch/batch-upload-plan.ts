/**
 * How a file is cut into blocks for upload. In the browser the storage SDK reports progress
 * only as blocks complete, so blocks are small enough for about a hundred progress steps,
 * large enough not to drown the account in requests, and never more than a block blob's
 * 50,000 blocks.
 */

const MIB = 1024 * 1024;
export const MIN_BLOCK_BYTES = MIB;
export const MAX_BLOCK_BYTES = 100 * MIB;
const MAX_BLOCKS = 50_000;
const TARGET_STEPS = 100;

export interface UploadPlan {
  blockSize: number;
  /** Files up to this size go in one request. */
  maxSingleShotSize: number;
  blocks: number;
}

export function planUpload(size: number): UploadPlan {
  const forSteps = Math.ceil(size / TARGET_STEPS / MIB) * MIB;
  const forLimit = Math.ceil(size / MAX_BLOCKS / MIB) * MIB;
  const blockSize = Math.min(MAX_BLOCK_BYTES, Math.max(MIN_BLOCK_BYTES, forSteps, forLimit));
  return {
    blockSize,
    maxSingleShotSize: blockSize,
    blocks: Math.max(1, Math.ceil(size / blockSize)),
  };
}
