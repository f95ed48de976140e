import { describe, expect, it } from 'vitest';
import { SyntheticCompany } from './synthetic-company.js';

const start = Date.UTC(2025, 0, 1);

describe('SyntheticCompany', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = new SyntheticCompany({ seed: 7, start });
    const b = new SyntheticCompany({ seed: 7, start });
    const c = new SyntheticCompany({ seed: 8, start });
    const sample = (x: SyntheticCompany) => [0, 1, 99, 499].map((i) => [x.organization(i), x.billing(i), x.user(i, 0)]);
    expect(sample(a)).toEqual(sample(b));
    expect(sample(a)).not.toEqual(sample(c));
  });

  it('signs organizations up in index order; countAt inverts createdAt', () => {
    const co = new SyntheticCompany({ seed: 3, start });
    expect(co.countAt(start)).toBe(co.initialOrganizations);
    for (let i = 1; i < 2000; i++) expect(co.createdAt(i)).toBeGreaterThan(co.createdAt(i - 1));
    for (const i of [0, 5, 499, 1500]) {
      expect(co.countAt(co.createdAt(i))).toBe(i + 1);
      expect(co.countAt(co.createdAt(i) - 1)).toBe(i);
    }
  });

  it('has a plausible mix: ~60 % paying, hundreds of customers at scale 1', () => {
    const co = new SyntheticCompany({ seed: 1, start });
    let paying = 0;
    for (let i = 0; i < co.initialOrganizations; i++) if (co.isPaying(i)) paying++;
    expect(co.initialOrganizations).toBe(500);
    expect(paying).toBeGreaterThan(250);
    expect(paying).toBeLessThan(350);
    const org = co.organization(10);
    expect(co.user(10, 0).email.endsWith(`@${org.domain}`)).toBe(true);
  });

  it('answers any organization at scale 10000 instantly, without materializing', () => {
    const co = new SyntheticCompany({ seed: 1, scale: 10_000, start });
    expect(co.initialOrganizations).toBe(5_000_000);
    const t0 = performance.now();
    const last = co.organization(co.initialOrganizations - 1);
    expect(co.countAt(start)).toBe(co.initialOrganizations);
    expect(last.createdAt).toBeLessThanOrEqual(start);
    expect(performance.now() - t0).toBeLessThan(50);
  });
});
