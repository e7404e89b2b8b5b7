import { describe, expect, it } from 'vitest';
import {
  classifyBody,
  isRasterImage,
  looksLikeText,
  parseContentType,
  sniffBody,
} from './response-content-type';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('parseContentType', () => {
  it('splits media type and charset', () => {
    expect(parseContentType('Application/JSON; charset="UTF-8"')).toEqual({
      mediaType: 'application/json',
      charset: 'utf-8',
    });
    expect(parseContentType('text/csv;header=present')).toEqual({ mediaType: 'text/csv' });
    expect(parseContentType(undefined)).toEqual({ mediaType: '' });
  });
});

describe('classifyBody', () => {
  it('follows the content type', () => {
    const b = bytes('x');
    expect(
      [
        'application/json; charset=utf-8',
        'application/problem+json',
        'text/csv',
        'text/tab-separated-values',
        'text/html',
        'image/svg+xml',
        'application/atom+xml',
        'image/png',
        'text/plain',
        'application/javascript',
      ].map((ct) => classifyBody(ct, b)),
    ).toEqual(['json', 'json', 'csv', 'csv', 'html', 'xml', 'xml', 'image', 'text', 'text']);
  });

  it('is empty for no bytes whatever the type', () => {
    expect(classifyBody('application/json', new Uint8Array())).toBe('empty');
  });

  it('sniffs when the type is missing or generic', () => {
    expect(classifyBody(undefined, bytes('  {"a":1}'))).toBe('json');
    expect(classifyBody('application/octet-stream', bytes('<!DOCTYPE html><p>'))).toBe('html');
    expect(classifyBody('', bytes('<?xml version="1.0"?><a/>'))).toBe('xml');
    expect(classifyBody('', bytes('hello'))).toBe('text');
    expect(classifyBody('application/octet-stream', new Uint8Array([0x89, 0x50, 0x00, 0x01]))).toBe(
      'binary',
    );
  });

  it('treats unknown types by their bytes', () => {
    expect(classifyBody('application/vnd.custom', bytes('plain words'))).toBe('text');
    expect(classifyBody('application/pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00]))).toBe(
      'binary',
    );
  });
});

describe('sniffBody', () => {
  it('skips a BOM and whitespace', () => {
    expect(sniffBody(new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x5b, 0x5d]))).toBe('json');
  });
});

describe('looksLikeText', () => {
  it('accepts UTF-8 and rejects NUL, invalid sequences and control soup', () => {
    expect(looksLikeText(bytes('héllo 日本\n'))).toBe(true);
    expect(looksLikeText(new Uint8Array([0x61, 0x00]))).toBe(false);
    expect(looksLikeText(new Uint8Array([0x61, 0xff, 0x61]))).toBe(false);
    expect(looksLikeText(new Uint8Array([1, 2, 3, 4, 5, 6]))).toBe(false);
  });

  it('rejects a body that ends inside a multi-byte character but not a sample that does', () => {
    expect(looksLikeText(new Uint8Array([0x61, 0xe6, 0x97]))).toBe(false);
    const long = new Uint8Array(9000).fill(0x61);
    long[8190] = 0xe6;
    long[8191] = 0x97;
    long[8192] = 0xa5;
    expect(looksLikeText(long)).toBe(true);
  });
});

describe('isRasterImage', () => {
  it('excludes SVG, which can carry script', () => {
    expect(isRasterImage('image/png')).toBe(true);
    expect(isRasterImage('image/svg+xml')).toBe(false);
  });
});
