/** How the explorer writes rates and paths, pure (no imports: the tests load it in Node). */

/** `43.5 %`, or – when there is no rate. */
export function percent(rate: number | null | undefined, digits = 1): string {
  return rate === null || rate === undefined ? '–' : `${(rate * 100).toFixed(digits)} %`;
}

/** The events of a path in reading order, the chosen event included (`previous` paths come nearest first). */
export function pathSteps(event: string, direction: 'next' | 'previous', path: readonly string[]): string[] {
  return direction === 'next' ? [event, ...path] : [...path].reverse().concat(event);
}

/** An event with its property filters, compactly: `sign_up · plan = pro · source = ads`. */
export function matcherLabel(m: { event: string; where: ReadonlyArray<{ property: string; value: string }> }): string {
  return [m.event, ...m.where.map((f) => `${f.property} = ${f.value}`)].join(' · ');
}
