import { describe, expect, it } from 'vitest';
import { OperationTrie, templateKey } from './operation-trie';

function trie(entries: Array<[string, string]>): OperationTrie<string> {
  const t = new OperationTrie<string>();
  for (const [method, template] of entries) t.add(method, template, `${method} ${template}`);
  return t;
}

describe('OperationTrie', () => {
  const t = trie([
    ['GET', '/users/{id}'],
    ['GET', '/users/me'],
    ['GET', '/users/{id}/orders/{oid}/?date={date}'],
    ['POST', '/users'],
    ['GET', '/files/{name}.json'],
    ['GET', '/files/{name}'],
    ['GET', '/static/*'],
    ['GET', '/'],
  ]);

  it('prefers a literal segment to a parameter, whatever the order they were added in', () => {
    expect(t.match('GET', '/users/me')).toBe('GET /users/me');
    expect(t.match('GET', '/users/42')).toBe('GET /users/{id}');
  });

  it('matches a parameter to one non-empty segment only', () => {
    expect(t.match('GET', '/users/')).toBeUndefined();
    expect(t.match('GET', '/users//orders/1')).toBeUndefined();
    expect(t.match('GET', '/users/1/orders')).toBeUndefined();
  });

  it('ignores the query part of a template and one trailing slash', () => {
    expect(t.match('GET', '/users/1/orders/7')).toBe('GET /users/{id}/orders/{oid}/?date={date}');
    expect(t.match('GET', '/users/1/orders/7/')).toBe('GET /users/{id}/orders/{oid}/?date={date}');
  });

  it('matches by method, case-insensitively, and nothing else', () => {
    expect(t.match('post', '/users')).toBe('POST /users');
    expect(t.match('GET', '/users')).toBeUndefined();
    expect(t.match('DELETE', '/users/1')).toBeUndefined();
  });

  it('tries a segment mixing text and a parameter before a whole parameter', () => {
    expect(t.match('GET', '/files/report.json')).toBe('GET /files/{name}.json');
    expect(t.match('GET', '/files/report.csv')).toBe('GET /files/{name}');
  });

  it('lets "*" take the rest of the path, and "/" the root', () => {
    expect(t.match('GET', '/static/a/b/c.css')).toBe('GET /static/*');
    expect(t.match('GET', '/static')).toBe('GET /static/*');
    expect(t.match('GET', '')).toBe('GET /');
    expect(t.match('GET', '/')).toBe('GET /');
  });

  it('falls back to a parameter branch when the literal branch has no match further down', () => {
    const u = trie([
      ['GET', '/a/b/c'],
      ['GET', '/a/{x}/d'],
    ]);
    expect(u.match('GET', '/a/b/d')).toBe('GET /a/{x}/d');
    expect(u.match('GET', '/a/b/c')).toBe('GET /a/b/c');
  });

  it('reports the operation already there for the same method and template', () => {
    const u = new OperationTrie<string>();
    expect(u.add('GET', '/users/{id}', 'first')).toBeUndefined();
    expect(u.add('get', '/users/{uid}?x={x}', 'second')).toBe('first');
    expect(u.match('GET', '/users/1')).toBe('first');
  });
});

describe('templateKey', () => {
  it('is the same for templates that match the same requests', () => {
    expect(templateKey('/users/{id}')).toBe('/users/{}');
    expect(templateKey('/users/{uid}/?date={date}')).toBe('/users/{}');
    expect(templateKey('/files/{a}.json')).toBe('/files/{}.json');
    expect(templateKey('/')).toBe('/');
  });
});
