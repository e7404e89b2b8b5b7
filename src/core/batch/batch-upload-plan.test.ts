import { describe, expect, it } from 'vitest';
import { planUpload } from './batch-upload-plan';

const MIB = 1024 * 1024;

describe('planUpload', () => {
  it('sends small files in one request', () => {
    expect(planUpload(0)).toEqual({ blockSize: MIB, maxSingleShotSize: MIB, blocks: 1 });
    expect(planUpload(52_000)).toEqual({ blockSize: MIB, maxSingleShotSize: MIB, blocks: 1 });
  });

  it('cuts medium files into 1 MiB blocks for smooth progress', () => {
    expect(planUpload(14 * MIB + 5)).toEqual({
      blockSize: MIB,
      maxSingleShotSize: MIB,
      blocks: 15,
    });
  });

  it('grows the blocks with the file, about a hundred of them', () => {
    expect(planUpload(1024 * MIB)).toEqual({
      blockSize: 11 * MIB,
      maxSingleShotSize: 11 * MIB,
      blocks: 94,
    });
  });

  it('caps the block size, and so the memory each parallel block takes', () => {
    expect(planUpload(200 * 1024 * MIB).blockSize).toBe(100 * MIB);
  });
});
