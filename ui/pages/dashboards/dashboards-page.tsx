/** The dashboards of the project: title, description, tags, owner, what each reads (links to the assets) and its report schedule. */
import { Link, assetPath } from '../../components/link';
import { PageHeader } from '../../components/page-header';
import { Empty, Loaded } from '../../components/states';
import { useApi } from '../../use-api';
import type { DashboardSummary } from './dashboard-json';
import './dashboards.css';

/** The path of a dashboard's page. */
export function dashboardPath(name: string): string {
  return `/dashboards/${encodeURIComponent(name)}`;
}

function Row(props: { d: DashboardSummary }) {
  const { d } = props;
  return (
    <tr data-dashboard-row={d.name}>
      <td>
        <Link to={dashboardPath(d.name)} className="db-title-link">
          {d.title}
        </Link>
        {d.description && <div className="small muted">{d.description}</div>}
        <div className="small muted mono">{d.file}</div>
      </td>
      <td>
        {d.tags.map((t) => (
          <span key={t} className="badge">
            {t}
          </span>
        ))}
      </td>
      <td>{d.owner ?? <span className="muted">—</span>}</td>
      <td className="num">{d.charts}</td>
      <td className="db-reads-cell">
        {d.reads.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          d.reads.map((key) => (
            <div key={key}>
              <Link to={assetPath(key)}>{key}</Link>
            </div>
          ))
        )}
      </td>
      <td>
        {d.report ? (
          <span title={d.report.to.join(', ')}>
            <code>{d.report.schedule}</code> · {d.report.format.toUpperCase()} to {d.report.to.length} recipient{d.report.to.length === 1 ? '' : 's'}
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
    </tr>
  );
}

export function DashboardsPage() {
  const state = useApi<DashboardSummary[]>('/api/dashboards');
  return (
    <div className="page">
      <PageHeader title="Dashboards" subtitle={<>Markdown files in the project's <code>dashboards/</code> folder, rendered live on the warehouse.</>} />
      <Loaded state={state} what="dashboards">
        {(list) =>
          list.length === 0 ? (
            <Empty title="No dashboards yet">
              Add <code>dashboards/&lt;name&gt;.md</code> to the project (see docs/dashboards.md).
            </Empty>
          ) : (
            <div className="table-wrap">
              <table className="table db-list">
                <thead>
                  <tr>
                    <th>Dashboard</th>
                    <th>Tags</th>
                    <th>Owner</th>
                    <th className="num">Charts</th>
                    <th>Reads</th>
                    <th>Report</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((d) => (
                    <Row key={d.name} d={d} />
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </div>
  );
}
