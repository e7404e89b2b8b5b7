import { describe, expect, it } from 'vitest';
import type { GatewayCallRecord } from '../../gateway/call-record';
import { DAY_LEVEL, FIVE_MINUTE_LEVEL, HOUR_LEVEL, MINUTE_LEVEL } from './bucket-plan';
import { statsOfCall } from './call-stats';
import {
  bucketPartition,
  bucketRowPrefix,
  decodeCells,
  encodeCells,
  bucketStartFromRowKey,
  bucketTable,
  callsChunkRowKey,
  callsPartition,
  decodeChunk,
  dimensionsOf,
  encodeChunk,
  hourStartOfPartition,
} from './usage-tables';

const call: GatewayCallRecord = {
  timestamp: Date.parse('2026-11-30T10:07:31.250Z'),
  apiId: '/apis/azureml-demo',
  operationId: '/apis/azureml-demo/operations/execute',
  productId: '/products/starter',
  subscriptionId: '/subscriptions/demo-starter',
  userId: '/users/demo',
  method: 'POST',
  url: '/azureml-demo/workspaces/w/services/s/execute?api-version=2.0',
  ipAddress: '127.0.0.1',
  responseCode: 200,
  backendResponseCode: 200,
  requestSize: 120,
  responseSize: 300,
  apiTime: 12.5,
  serviceTime: 10,
  requestId: 'r1',
};

describe('usage table keys', () => {
  it('names tables, partitions and rows so that they sort as time does', () => {
    const t = call.timestamp;
    expect(bucketTable(MINUTE_LEVEL, 'total')).toBe('usage1mtotal');
    expect(bucketTable(FIVE_MINUTE_LEVEL, 'dims')).toBe('usage5mdims');
    expect(
      [MINUTE_LEVEL, FIVE_MINUTE_LEVEL, HOUR_LEVEL, DAY_LEVEL].map((l) => bucketPartition(l, t)),
    ).toEqual(['20261130', '20261130', '202611', '2026']);
    expect(bucketRowPrefix(Date.parse('2026-11-30T10:05:00Z'))).toBe('202611301005');
    expect(bucketStartFromRowKey('202611301005')).toBe(Date.parse('2026-11-30T10:05:00Z'));
    expect(callsPartition(t)).toBe('2026113010');
    expect(hourStartOfPartition('2026113010')).toBe(Date.parse('2026-11-30T10:00:00Z'));
    expect(callsChunkRowKey(t, 'abc')).toBe('8203966748749-abc');
    expect(callsChunkRowKey(t + 1, 'abc') < callsChunkRowKey(t, 'abc')).toBe(true);
  });

  it('round-trips calls and stats', () => {
    const entity = encodeChunk({
      partitionKey: 'p',
      rowKey: 'r',
      calls: [call, { ...call, timestamp: call.timestamp + 5 }],
    });
    expect(entity).toMatchObject({
      minTimestamp: call.timestamp,
      maxTimestamp: call.timestamp + 5,
      count: 2,
    });
    expect(decodeChunk(entity.calls)[1]).toEqual({ ...call, timestamp: call.timestamp + 5 });
    const stats = statsOfCall(call);
    const cells = [
      { start: 1, dims: dimensionsOf(call), stats },
      { start: 2, dims: { ...dimensionsOf(call), subscriptionId: '' }, stats },
    ];
    expect(decodeCells(encodeCells(cells))).toEqual(cells);
  });

  it('splits a bucket of many combinations over several Binary properties', () => {
    const cells = Array.from({ length: 3000 }, (_, i) => ({
      start: i,
      dims: { ...dimensionsOf(call), subscriptionId: `/subscriptions/${i}-${Math.sin(i)}` },
      stats: { ...statsOfCall(call), apiTimeSum: Math.cos(i) },
    }));
    const encoded = encodeCells(cells);
    expect(Object.keys(encoded).length).toBeGreaterThan(1);
    expect(decodeCells(encoded)).toEqual(cells);
  });
});
