import { describe, expect, it } from 'vitest';
import { collectDocsBlocks, renderDescription } from './docs-blocks.js';

const file = (packageName: string, source: string, filePath = `${packageName}/docs.md`) => ({ path: 'docs.md', filePath, absolutePath: `/x/${filePath}`, source, packageName });

describe('docs blocks', () => {
  const index = collectDocsBlocks([
    file('shop', '{% docs orders %}\nOrders placed.\n{% enddocs %}\n\n{% docs status %}One of placed, shipped.{% enddocs %}'),
    file('utils', '{% docs orders %}Utility orders.{% enddocs %}{% docs only_here %}From utils.{% enddocs %}'),
  ]);

  it("resolves doc() in the node's package, then any package, and doc(package, name)", () => {
    expect(renderDescription('{{ doc("orders") }}', index, 'shop', 'shop', 'm.yml')).toBe('Orders placed.');
    expect(renderDescription("Status: {{ doc('status') }}", index, 'shop', 'shop', 'm.yml')).toBe('Status: One of placed, shipped.');
    expect(renderDescription("{{ doc('utils', 'orders') }}", index, 'shop', 'shop', 'm.yml')).toBe('Utility orders.');
    expect(renderDescription("{{ doc('only_here') }}", index, 'shop', 'shop', 'm.yml')).toBe('From utils.');
    expect(renderDescription('plain text', index, 'shop', 'shop', 'm.yml')).toBe('plain text');
  });

  it('fails naming a missing doc and a duplicate block', () => {
    expect(() => renderDescription("{{ doc('nope') }}", index, 'shop', 'shop', 'models/m.yml')).toThrow(/models\/m\.yml.*doc\('nope'\)/);
    expect(() => collectDocsBlocks([file('shop', '{% docs a %}x{% enddocs %}'), file('shop', '{% docs a %}y{% enddocs %}', 'shop/b.md')])).toThrow(/'a' is defined twice/);
  });
});
