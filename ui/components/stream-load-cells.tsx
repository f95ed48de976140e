/** The load cells of a connection's stream (rows, last load, freshness), shared by the catalog and the asset page. */
import type { StreamJson } from '../api/types';
import { count, relativeTime } from '../format';
import { FreshnessBadge, StatusBadge } from './badges';

export function StreamLoadCells({ stream }: { stream: StreamJson }) {
  return (
    <>
      <td className="num">{count(stream.row_count)}</td>
      <td>{stream.last ? <StatusBadge status={stream.last.status} label={relativeTime(stream.last.finished_at)} /> : <span className="muted">never</span>}</td>
      <td>
        <FreshnessBadge freshness={stream.freshness} />
      </td>
    </>
  );
}
