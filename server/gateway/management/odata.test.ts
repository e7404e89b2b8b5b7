import { describe, expect, it } from 'vitest';
import { ODataError, parseFilter, type FilterFields } from './odata';

interface Item {
  name: string;
  title?: string;
  current: boolean;
}

const ITEMS: Item[] = [
  { name: 'echo-api', title: "Echo's API", current: true },
  { name: 'pets', title: 'Pets', current: false },
  { name: 'weather', current: true },
];

const FIELDS: FilterFields<Item> = {
  name: { kind: 'text', get: (i) => i.name },
  displayName: { kind: 'text', get: (i) => i.title },
  isCurrent: { kind: 'boolean', get: (i) => i.current },
};

function names(filter: string | undefined): string[] {
  return ITEMS.filter(parseFilter(filter, FIELDS)).map((i) => i.name);
}

function refusal(filter: string): string {
  try {
    parseFilter(filter, FIELDS);
  } catch (error) {
    if (error instanceof ODataError) return error.message;
  }
  throw new Error(`${filter} was not refused`);
}

describe('parseFilter', () => {
  it('keeps everything without a filter', () => {
    expect(names(undefined)).toEqual(['echo-api', 'pets', 'weather']);
    expect(names('  ')).toEqual(['echo-api', 'pets', 'weather']);
  });

  it('compares text without regard to case, and quotes doubled inside a string', () => {
    expect(names("name eq 'PETS'")).toEqual(['pets']);
    expect(names("displayName eq 'echo''s api'")).toEqual(['echo-api']);
    expect(names("name ne 'pets'")).toEqual(['echo-api', 'weather']);
    expect(names("name gt 'p'")).toEqual(['pets', 'weather']);
    expect(names("name le 'pets'")).toEqual(['echo-api', 'pets']);
    expect(names('displayName eq null')).toEqual(['weather']);
  });

  it('takes the four string functions, with or without eq true|false', () => {
    expect(names("substringof('ET', displayName)")).toEqual(['pets']);
    expect(names("contains(name, 'e')")).toEqual(['echo-api', 'pets', 'weather']);
    expect(names("startswith(name, 'we')")).toEqual(['weather']);
    expect(names("endswith(name, '-api') eq false")).toEqual(['pets', 'weather']);
  });

  it('combines with and, or, not and parentheses, and binds and tighter than or', () => {
    expect(names("name eq 'pets' or name eq 'weather' and isCurrent eq false")).toEqual(['pets']);
    expect(names("(name eq 'pets' or name eq 'weather') and isCurrent eq true")).toEqual([
      'weather',
    ]);
    expect(names("not startswith(name, 'e') and not (isCurrent eq false)")).toEqual(['weather']);
  });

  it('says what is wrong and where', () => {
    expect(refusal("owner eq 'x'")).toBe(
      '$filter: "owner" at position 1 is not a field that can be filtered on here; these are: name, displayName, isCurrent.',
    );
    expect(refusal("name eq 'x")).toBe('$filter: the string starting at position 9 is not closed.');
    expect(refusal("name is 'x'")).toBe(
      '$filter: expected one of eq, ne, gt, ge, lt, le after "name" at position 6.',
    );
    expect(refusal("(name eq 'x'")).toBe('$filter: expected ")" at position 13 (the end).');
    expect(refusal('isCurrent gt true')).toBe(
      '$filter: "isCurrent" can be compared with eq or ne only.',
    );
    expect(refusal("isCurrent eq 'yes'")).toBe(
      '$filter: "isCurrent" is compared with true or false.',
    );
    expect(refusal("contains(isCurrent, 'x')")).toBe(
      '$filter: contains() takes a text field, not "isCurrent".',
    );
    expect(refusal("name eq 'x' extra")).toBe('$filter: unexpected "extra" at position 13.');
  });
});
