/**
 * An ECharts instance (canvas renderer) on `host` for the life of the
 * component, resized with its box and disposed on unmount; `setup` runs once
 * on the new instance (event handlers). Callers register the charts they use
 * with `echarts.use` and set options on `ref.current`.
 */
import { useEffect, useRef, type MutableRefObject, type RefObject } from 'react';
import * as echarts from 'echarts/core';

export function useEChart(host: RefObject<HTMLDivElement>, setup?: (chart: echarts.ECharts) => void): MutableRefObject<echarts.ECharts | undefined> {
  const instance = useRef<echarts.ECharts>();
  const setupRef = useRef(setup);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    instance.current = chart;
    setupRef.current?.(chart);
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
      instance.current = undefined;
    };
  }, [host]);
  return instance;
}
