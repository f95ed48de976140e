import { describe, expect, it } from 'vitest';
import { BasinError } from '../../core/errors.js';
import { IoLedger, PendingIo, findPendingIo, renderWithIo } from './pending-io.js';

describe('render by replay', () => {
  it('performs each request once and renders with the results', async () => {
    const ledger = new IoLedger();
    const performed: string[] = [];
    let renders = 0;
    const render = (): string => {
      renders++;
      const a = ledger.request('select 1', async () => {
        performed.push('select 1');
        return 1;
      });
      const b = ledger.request('select 2', async () => {
        performed.push('select 2');
        return 2;
      });
      const again = ledger.request('select 1', async () => {
        performed.push('select 1 (second)');
        return 10;
      });
      return `${a}-${b}-${again}`;
    };
    expect(await renderWithIo(ledger, render)).toBe('1-2-10');
    expect(performed).toEqual(['select 1', 'select 2', 'select 1 (second)']);
    expect(renders).toBe(4);
  });

  it('finds a pending request wrapped by the template engine', () => {
    const pending = new PendingIo('k', async () => 1);
    const wrapped = new BasinError('TEMPLATE_RUNTIME', 'models/x.sql:3: boom', { cause: new Error('inner', { cause: pending }) });
    expect(findPendingIo(wrapped)).toBe(pending);
    expect(findPendingIo(new Error('plain'))).toBeUndefined();
  });

  it('lets other errors through unchanged', async () => {
    const ledger = new IoLedger();
    const err = new Error('syntax');
    await expect(
      renderWithIo(ledger, () => {
        throw err;
      }),
    ).rejects.toBe(err);
  });

  it('stops on cancellation between requests', async () => {
    const ledger = new IoLedger();
    const controller = new AbortController();
    controller.abort();
    await expect(renderWithIo(ledger, () => ledger.request('q', async () => 1), controller.signal)).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
