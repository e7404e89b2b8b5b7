import { describe, expect, it } from 'vitest';
import {
  describePlaceholders,
  findPlaceholders,
  MAX_SCANNED_BODY_CHARS,
} from './placeholder-values';

const JSON_BODY = { json: true };

describe('findPlaceholders', () => {
  it('finds the BES Submit examples of the demo definition, each where it is', () => {
    const sasExample = JSON.stringify({
      Inputs: {
        input1: {
          BaseLocation: 'http://127.0.0.1:10000/devstoreaccount1/',
          RelativeLocation: 'portico-uploads/reviews.csv',
          SasBlobToken: '?sv=2025-01-05&se=2026-11-27T15%3A00%3A00Z&sr=c&sp=racwl&sig=REDACTED',
        },
      },
      GlobalParameters: {},
    });
    expect(findPlaceholders(sasExample, JSON_BODY)).toEqual([
      { text: 'sig=REDACTED', where: 'Inputs.input1.SasBlobToken' },
    ]);
    const connectionExample = JSON.stringify({
      Inputs: {
        input1: {
          ConnectionString:
            'DefaultEndpointsProtocol=https;AccountName=YOUR-STORAGE-ACCOUNT;AccountKey=<account-key>',
          RelativeLocation: '/mycontainer/reviews.csv',
        },
      },
      Outputs: {
        output1: {
          ConnectionString:
            'DefaultEndpointsProtocol=https;AccountName=YOUR-STORAGE-ACCOUNT;AccountKey=<account-key>',
          RelativeLocation: '/mycontainer/reviews-hashed.csv',
        },
      },
    });
    expect(findPlaceholders(connectionExample, JSON_BODY)).toEqual([
      { text: 'YOUR-STORAGE-ACCOUNT', where: 'Inputs.input1.ConnectionString' },
      { text: '<account-key>', where: 'Inputs.input1.ConnectionString' },
      { text: 'YOUR-STORAGE-ACCOUNT', where: 'Outputs.output1.ConnectionString' },
      { text: '<account-key>', where: 'Outputs.output1.ConnectionString' },
    ]);
  });

  it('finds redacted markers, ellipses and reserved example hosts', () => {
    const body = JSON.stringify({
      a: 'token ***',
      b: '...',
      c: 'https://api.example.com/v1',
      d: ['https://my-store.example/x', 'ok'],
      e: 'sig=...&sv=1',
      f: '[REDACTED]',
      g: 'https://bad.invalid/',
      h: 'AccountName=a;AccountKey=••••••',
      i: '••••••',
    });
    expect(findPlaceholders(body, JSON_BODY)).toEqual([
      { text: '***', where: 'a' },
      { text: '...', where: 'b' },
      { text: 'api.example.com', where: 'c' },
      { text: 'my-store.example', where: 'd[0]' },
      { text: 'sig=...', where: 'e' },
      { text: '[REDACTED]', where: 'f' },
      { text: 'bad.invalid', where: 'g' },
      { text: 'AccountKey=••••••', where: 'h' },
      { text: '••••••', where: 'i' },
    ]);
  });

  it('leaves real values alone', () => {
    const body = JSON.stringify({
      Inputs: {
        input1: { ColumnNames: ['Col2'], Values: [['This is a good day...', 'your turn']] },
      },
      SasBlobToken: '?sv=2025-01-05&sr=c&sp=racwl&sig=abc%2Bdef%3D',
      host: 'https://examples.com.au/',
      text: 'a < b and c > d',
      GlobalParameters: { 'Hashing bitsize': 3 },
    });
    expect(findPlaceholders(body, JSON_BODY)).toEqual([]);
  });

  it('scans text bodies whole, and half-typed JSON as text', () => {
    expect(findPlaceholders('key=<api-key>\nhost=YOUR_HOST', { json: false })).toEqual([
      { text: '<api-key>', where: '' },
      { text: 'YOUR_HOST', where: '' },
    ]);
    expect(findPlaceholders('{"AccountKey": "<account-key>", ', JSON_BODY)).toEqual([
      { text: '<account-key>', where: '' },
    ]);
    // In XML, <tags> are the markup itself.
    expect(
      findPlaceholders('<job><key>YOUR-KEY</key></job>', { json: false, markup: true }),
    ).toEqual([{ text: 'YOUR-KEY', where: '' }]);
  });

  it('leaves a body larger than any example unscanned', () => {
    const filler = 'x'.repeat(MAX_SCANNED_BODY_CHARS);
    expect(findPlaceholders(`{"a": "<key>", "b": "${filler}"}`, JSON_BODY)).toEqual([]);
    expect(findPlaceholders(`{"a": "<key>", "b": "${filler.slice(30)}"}`, JSON_BODY)).toEqual([
      { text: '<key>', where: 'a' },
    ]);
  });

  it('reports one placeholder once per place', () => {
    expect(findPlaceholders('{"a": "<x> and <x>"}', JSON_BODY)).toEqual([
      { text: '<x>', where: 'a' },
    ]);
  });
});

describe('describePlaceholders', () => {
  it('groups the places of each placeholder', () => {
    expect(
      describePlaceholders([
        { text: 'YOUR-STORAGE-ACCOUNT', where: 'Inputs.input1.ConnectionString' },
        { text: '<account-key>', where: 'Inputs.input1.ConnectionString' },
        { text: 'YOUR-STORAGE-ACCOUNT', where: 'Outputs.output1.ConnectionString' },
        { text: 'sig=REDACTED', where: '' },
      ]),
    ).toBe(
      'YOUR-STORAGE-ACCOUNT (in Inputs.input1.ConnectionString, Outputs.output1.ConnectionString); <account-key> (in Inputs.input1.ConnectionString); sig=REDACTED',
    );
  });
});
