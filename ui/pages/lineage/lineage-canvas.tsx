/**
 * The lineage graph drawn in SVG from the server's layout. Pan (drag), zoom
 * (wheel, buttons, fit) move one <g> by setting its transform directly, so a
 * 1,000-node graph is never re-rendered while moving. Zoomed out, each node
 * is one colored box and all edges one path; zoomed in, only the nodes and
 * edges near the screen are drawn, with labels. Clicking a node opens its page,
 * its target button focuses on it; hovering a node lights its edges.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { LineageEdgeJson, LineageJson, LineageNodeJson } from '../../../src/server/lineage/lineage-json';
import { LABEL_ZOOM, centerOn, fit, minZoom, transformOf, zoomAt, type Viewport } from './viewport';

/** Pointer travel (px) beyond which a press is a drag, not a click. */
const DRAG_PX = 4;
const STEP = 1.25;

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function pathOf(e: LineageEdgeJson): string {
  return e.path.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join('');
}

function subtitle(n: LineageNodeJson): string {
  const tests = n.tests > 0 ? ` · ${n.tests} test${n.tests === 1 ? '' : 's'}${n.failing_tests > 0 ? ` (${n.failing_tests} failing)` : ''}` : '';
  return `${n.kind}${n.status ? ` · ${n.status}` : ''}${tests}`;
}

/** A rectangle in graph units. */
interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1;

function edgeBox(e: LineageEdgeJson): Box {
  const xs = e.path.map((p) => p[0]);
  const ys = e.path.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

function nodeClass(n: LineageNodeJson, focus: string | null): string {
  return `ln-node ln-kind-${n.kind}${n.status ? ` ln-status-${n.status}` : ''}${n.key === focus ? ' ln-focused' : ''}${n.failing_tests > 0 ? ' ln-tests-failing' : ''}`;
}

/** Zoomed out: every node as one colored box, every edge in one path. Drawn once per layout. */
const FarBody = memo(function FarBody(props: { data: LineageJson }) {
  const { data } = props;
  return (
    <>
      <path className="ln-edge-all" d={data.edges.map(pathOf).join('')} />
      {data.nodes.map((n) => (
        <rect key={n.key} className={nodeClass(n, data.focus)} data-key={n.key} x={n.x} y={n.y} width={n.width} height={n.height} rx={7} />
      ))}
    </>
  );
});

/** Zoomed in: the nodes and edges within `area`, with labels, status dots, arrows and focus buttons. */
const NearBody = memo(function NearBody(props: { data: LineageJson; edgeBoxes: Box[]; area: Box }) {
  const { data, edgeBoxes, area } = props;
  const nodes = data.nodes.filter((n) => overlaps(area, { x0: n.x, y0: n.y, x1: n.x + n.width, y1: n.y + n.height }));
  return (
    <>
      <g className="ln-edges">
        {data.edges.map((e, i) =>
          overlaps(area, edgeBoxes[i]!) ? <path key={`${e.from}>${e.to}`} d={pathOf(e)} data-from={e.from} data-to={e.to} markerEnd="url(#ln-arrow)" /> : null,
        )}
      </g>
      <g className="ln-nodes">
        {nodes.map((n) => (
          <g key={n.key} className={nodeClass(n, data.focus)} transform={`translate(${n.x} ${n.y})`} data-key={n.key} role="link" tabIndex={0} aria-label={`${n.key}: open its page`}>
            <title>{`${n.key}${n.tags.length > 0 ? `\ntags: ${n.tags.join(', ')}` : ''}\n${subtitle(n)}`}</title>
            <rect className="ln-box" width={n.width} height={n.height} rx={7} />
            <rect className="ln-bar" width={5} height={n.height} rx={2} />
            <text className="ln-name" x={14} y={19}>
              {truncate(n.name, 27)}
            </text>
            <text className="ln-sub" x={14} y={35}>
              {truncate(subtitle(n), 34)}
            </text>
            {(n.status || n.failing_tests > 0) && <circle className="ln-dot" cx={n.width - 34} cy={n.height / 2} r={4.5} />}
            <g className="ln-focus-btn" data-action="focus" transform={`translate(${n.width - 22} ${n.height / 2 - 9})`} aria-label={`Focus on ${n.key}`}>
              <rect width={18} height={18} rx={4} />
              <circle cx={9} cy={9} r={4} />
              <path d="M9 1v4M9 13v4M1 9h4M13 9h4" />
            </g>
          </g>
        ))}
      </g>
    </>
  );
});

export interface LineageCanvasProps {
  data: LineageJson;
  onOpen(key: string): void;
  onFocus(key: string): void;
}

export function LineageCanvas(props: LineageCanvasProps) {
  const { data, onOpen, onFocus } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const groupRef = useRef<SVGGElement>(null);
  const view = useRef<Viewport>({ x: 0, y: 0, k: 1 });
  const lowest = useRef(0.05);
  const frame = useRef(0);
  const handlers = useRef({ onOpen, onFocus });
  handlers.current = { onOpen, onFocus };
  const edgeBoxes = useMemo(() => data.edges.map(edgeBox), [data]);
  // Zoomed in, only what lies within `area` (the screen and one screen around it, in graph units) is drawn.
  const [area, setArea] = useState<Box | undefined>();
  const windowRef = useRef<Box | undefined>();
  windowRef.current = area;

  const apply = useCallback((next: Viewport) => {
    view.current = next;
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const svg = svgRef.current;
      const g = groupRef.current;
      if (!svg || !g) return;
      const v = view.current;
      g.setAttribute('transform', transformOf(v));
      svg.dataset['zoom'] = v.k.toFixed(4);
      if (v.k < LABEL_ZOOM) {
        if (windowRef.current) setArea(undefined);
        return;
      }
      const r = svg.getBoundingClientRect();
      const seen = { x0: -v.x / v.k, y0: -v.y / v.k, x1: (r.width - v.x) / v.k, y1: (r.height - v.y) / v.k };
      const w = windowRef.current;
      if (!w || seen.x0 < w.x0 || seen.y0 < w.y0 || seen.x1 > w.x1 || seen.y1 > w.y1) {
        const dx = seen.x1 - seen.x0;
        const dy = seen.y1 - seen.y0;
        setArea({ x0: seen.x0 - dx, y0: seen.y0 - dy, x1: seen.x1 + dx, y1: seen.y1 + dy });
      }
    });
  }, []);

  const size = (): { w: number; h: number } => {
    const r = svgRef.current?.getBoundingClientRect();
    return { w: r?.width ?? 800, h: r?.height ?? 600 };
  };

  const fitAll = useCallback(() => {
    const { w, h } = size();
    const v = fit(data.width, data.height, w, h);
    lowest.current = minZoom(v.k);
    apply(v);
  }, [data, apply]);

  // A new layout: fit it (a focus view centers on the focused asset when fitting makes labels unreadable).
  useLayoutEffect(() => {
    fitAll();
    const { w, h } = size();
    const focused = data.nodes.find((n) => n.key === data.focus);
    if (focused && view.current.k < LABEL_ZOOM) apply(centerOn(focused.x + focused.width / 2, focused.y + focused.height / 2, w, h, 0.8));
    svgRef.current?.setAttribute('data-ready', 'true');
    // User Timing mark for bench/ui-lineage.mjs: the frame after this layout was committed.
    requestAnimationFrame(() => performance.mark('basin:lineage-drawn'));
  }, [data, fitAll, apply]);

  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // Wheel zoom at the cursor (non-passive so the page does not scroll).
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = svg.getBoundingClientRect();
      const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      apply(zoomAt(view.current, Math.exp(-delta * 0.0015), e.clientX - r.left, e.clientY - r.top, lowest.current));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, [apply]);

  // Drag to pan; a press that did not move is a click on what it started on.
  const press = useRef<{ id: number; sx: number; sy: number; vx: number; vy: number; moved: boolean; target: Element | null } | undefined>();
  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    press.current = { id: e.pointerId, sx: e.clientX, sy: e.clientY, vx: view.current.x, vy: view.current.y, moved: false, target: e.target as Element };
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const p = press.current;
    if (!p || p.id !== e.pointerId) return;
    const dx = e.clientX - p.sx;
    const dy = e.clientY - p.sy;
    if (!p.moved && Math.hypot(dx, dy) < DRAG_PX) return;
    if (!p.moved) {
      p.moved = true;
      svgRef.current?.setPointerCapture(e.pointerId);
      svgRef.current?.setAttribute('data-dragging', '');
    }
    apply({ ...view.current, x: p.vx + dx, y: p.vy + dy });
  };
  const onPointerUp = (e: PointerEvent<SVGSVGElement>) => {
    const p = press.current;
    press.current = undefined;
    if (!p || p.id !== e.pointerId) return;
    svgRef.current?.removeAttribute('data-dragging');
    if (p.moved) return;
    const node = p.target?.closest('[data-key]');
    const key = node?.getAttribute('data-key');
    if (!key) return;
    if (p.target?.closest('[data-action="focus"]')) handlers.current.onFocus(key);
    else handlers.current.onOpen(key);
  };
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const key = (e.target as Element).closest('[data-key]')?.getAttribute('data-key');
    if (key && e.key === 'Enter') handlers.current.onOpen(key);
    else if (key && e.key.toLowerCase() === 'f') handlers.current.onFocus(key);
  };

  // Hover lights the node's edges (DOM classes, no re-render).
  const lit = useRef<Element[]>([]);
  const onPointerOver = (e: PointerEvent<SVGSVGElement>) => {
    if (press.current?.moved) return;
    const key = (e.target as Element).closest('[data-key]')?.getAttribute('data-key');
    for (const el of lit.current) el.classList.remove('ln-lit');
    lit.current = [];
    if (!key || !svgRef.current) return;
    const q = CSS.escape(key);
    lit.current = [...svgRef.current.querySelectorAll(`[data-from="${q}"],[data-to="${q}"]`)];
    for (const el of lit.current) el.classList.add('ln-lit');
  };

  const zoomBy = (factor: number) => {
    const { w, h } = size();
    apply(zoomAt(view.current, factor, w / 2, h / 2, lowest.current));
  };

  return (
    <div className="ln-canvas">
      <svg
        ref={svgRef}
        className={`ln-svg${area ? '' : ' ln-far'}`}
        role="img"
        aria-label={`Lineage graph: ${data.nodes.length} assets, ${data.edges.length} dependencies`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (press.current = undefined)}
        onPointerOver={onPointerOver}
        onKeyDown={onKeyDown}
      >
        <defs>
          <marker id="ln-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0 0L10 5L0 10z" className="ln-arrow" />
          </marker>
        </defs>
        <g ref={groupRef}>
          {area ? <NearBody data={data} edgeBoxes={edgeBoxes} area={area} /> : <FarBody data={data} />}
        </g>
      </svg>
      <div className="ln-zoom" role="group" aria-label="Zoom">
        <button type="button" className="btn" onClick={() => zoomBy(STEP)} aria-label="Zoom in" data-zoom-in>
          +
        </button>
        <button type="button" className="btn" onClick={() => zoomBy(1 / STEP)} aria-label="Zoom out" data-zoom-out>
          −
        </button>
        <button type="button" className="btn" onClick={fitAll} aria-label="Fit the graph" data-zoom-fit>
          Fit
        </button>
      </div>
    </div>
  );
}
