/** Sidebar icons (inline SVG, no icon font: the machines are offline). */
const PATHS: Record<string, string> = {
  Catalog: 'M4 5h16M4 12h16M4 19h10',
  Lineage: 'M5 6a2 2 0 1 0 0 .01M19 6a2 2 0 1 0 0 .01M12 18a2 2 0 1 0 0 .01M7 6h10M6 8l5 8M18 8l-5 8',
  Runs: 'M5 4l14 8-14 8z',
  Jobs: 'M12 7v5l3 3M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z',
  Dashboards: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  Analytics: 'M3 17l6-6 4 4 8-8M15 7h6v6',
  'SQL workbench': 'M8 8l-4 4 4 4M16 8l4 4-4 4M13.5 5l-3 14',
};

export function NavIcon(props: { name: string }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <path d={PATHS[props.name] ?? 'M4 12h16'} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
