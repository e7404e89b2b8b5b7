import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../core/definition/api-model';
import { InlineText } from './inline-text';
import { describeType, SchemaTree } from './schema-tree';

describe('describeType', () => {
  it('names types the way a reader expects', () => {
    expect(describeType({ type: 'string' })).toBe('string');
    expect(describeType({ type: 'integer', format: 'int32' })).toBe('integer (int32)');
    expect(describeType({ type: ['string', 'null'] })).toBe('string | null');
    expect(describeType({ type: 'string', nullable: true })).toBe('string | null');
    expect(describeType({ type: 'array', items: { type: 'string' } })).toBe('array of string');
    expect(describeType({ type: 'array', items: { title: 'Row', type: 'object' } })).toBe(
      'array of Row',
    );
    expect(describeType({ properties: { a: { type: 'string' } } })).toBe('object');
    expect(describeType({})).toBe('any');
  });
});

describe('SchemaTree', () => {
  it('stops at a circular reference instead of recursing forever', () => {
    const node: JsonSchema = { title: 'Node', type: 'object', properties: {} };
    (node.properties as Record<string, JsonSchema>).child = node;
    (node.properties as Record<string, JsonSchema>).name = { type: 'string' };
    const html = renderToStaticMarkup(createElement(SchemaTree, { schema: node }));
    expect(html).toContain('circular reference to Node');
    expect(html.match(/<code class="schema-tree__name">child<\/code>/g)).toHaveLength(1);
  });

  it('shows required properties, folded allOf parts, enums and defaults', () => {
    const html = renderToStaticMarkup(
      createElement(SchemaTree, {
        schema: {
          allOf: [{ type: 'object', required: ['id'], properties: { id: { type: 'string' } } }],
          properties: { mode: { type: 'string', enum: ['a', 'b'], default: 'a' } },
        },
      }),
    );
    expect(html).toMatch(
      />id<\/code><span class="schema-tree__type">string<\/span><span class="schema-tree__required">required/,
    );
    expect(html).toContain('&quot;a&quot;, &quot;b&quot;');
    expect(html).toContain('default</span> <code>&quot;a&quot;</code>');
  });
});

describe('InlineText', () => {
  it('renders *emphasis* and **strong** spans, and leaves a lone star alone', () => {
    expect(
      renderToStaticMarkup(createElement(InlineText, { text: 'From *BES Submit*, **not** 2 * 3' })),
    ).toBe('From <em>BES Submit</em>, <strong>not</strong> 2 * 3');
  });

  it('turns `code` spans into code elements and never renders markup', () => {
    expect(
      renderToStaticMarkup(
        createElement(InlineText, { text: 'Use `2.0` <img src=x onerror=alert(1)>' }),
      ),
    ).toBe('Use <code class="inline-code">2.0</code> &lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('SchemaTree on a large schema', () => {
  it('renders the children of a level only once it is opened', () => {
    let schema: JsonSchema = { type: 'string' };
    for (let level = 9; level >= 1; level--) {
      const properties: Record<string, JsonSchema> = {};
      for (let i = 0; i < 5; i++) properties[`level${level}_${i}`] = schema;
      schema = { type: 'object', properties };
    }
    const html = renderToStaticMarkup(createElement(SchemaTree, { schema }));
    // The root and level 1 are open; level 2 shows its names, closed, and nothing below it.
    expect(html.match(/<code class="schema-tree__name">level1_\d<\/code>/g)).toHaveLength(5);
    expect(html.match(/<code class="schema-tree__name">level2_\d<\/code>/g)).toHaveLength(25);
    expect(html).not.toContain('level3_');
  });
});
