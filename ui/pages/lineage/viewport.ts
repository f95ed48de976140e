/** Pan and zoom of the lineage canvas: a translation and a scale applied to one SVG group. Pure. */

/** Screen = graph * k + (x, y). */
export interface Viewport {
  x: number;
  y: number;
  k: number;
}

/** Zoom bounds: never bigger than MAX_ZOOM, never smaller than half the fit (or MIN_ZOOM). */
export const MAX_ZOOM = 2.5;
export const MIN_ZOOM = 0.02;
/** Below this zoom, labels are hidden (boxes stay, colored by kind). */
export const LABEL_ZOOM = 0.42;

const PAD = 32;

/** The viewport showing a `width` x `height` graph whole and centered in a `w` x `h` screen (no bigger than 1:1). */
export function fit(width: number, height: number, w: number, h: number): Viewport {
  const k = Math.max(MIN_ZOOM, Math.min((w - 2 * PAD) / Math.max(width, 1), (h - 2 * PAD) / Math.max(height, 1), 1));
  return { k, x: (w - width * k) / 2, y: (h - height * k) / 2 };
}

/** Smallest zoom allowed for a graph whose fit zoom is `fitK`. */
export function minZoom(fitK: number): number {
  return Math.max(MIN_ZOOM, Math.min(fitK / 2, 0.2));
}

/** Zooms by `factor` keeping the screen point (px, py) still, within [lo, MAX_ZOOM]. */
export function zoomAt(v: Viewport, factor: number, px: number, py: number, lo: number): Viewport {
  const k = Math.min(MAX_ZOOM, Math.max(lo, v.k * factor));
  const f = k / v.k;
  return { k, x: px - (px - v.x) * f, y: py - (py - v.y) * f };
}

/** Centers graph point (gx, gy) on a `w` x `h` screen at zoom `k`. */
export function centerOn(gx: number, gy: number, w: number, h: number, k: number): Viewport {
  return { k, x: w / 2 - gx * k, y: h / 2 - gy * k };
}

/** The SVG transform attribute of `v`. */
export function transformOf(v: Viewport): string {
  return `translate(${v.x.toFixed(1)} ${v.y.toFixed(1)}) scale(${v.k.toFixed(4)})`;
}
