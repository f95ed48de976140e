/**
 * The body POSTed to a webhook for an alert. `slack` is what Slack's incoming
 * webhooks take (also Mattermost, Rocket.Chat and Teams' Slack-compatible
 * connectors): `text` as the notification fallback, `blocks` for layout (a
 * section per asset, at most 10 listed), and Basin's own `basin` object for
 * other receivers. `json` sends the `basin` object alone. Pure.
 */
import type { AlertChannel } from './alert-channels.js';
import type { Alert } from './alert.js';

const MAX_LISTED = 10;
const MAX_DETAIL = 500;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Slack mrkdwn escapes (`&`, `<`, `>`). */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Basin's machine-readable description of an alert. */
export function alertJson(alert: Alert): Record<string, unknown> {
  return {
    event: alert.event,
    title: alert.title,
    job: alert.job ?? null,
    run_id: alert.runId ?? null,
    link: alert.link ?? null,
    at: alert.at.toISOString(),
    assets: alert.assets.map((a) => ({ key: a.key, status: a.status, detail: a.detail ?? null })),
  };
}

/** The webhook body of `alert` for `channel`'s format. */
export function alertPayload(alert: Alert, format: AlertChannel['format']): Record<string, unknown> {
  const basin = alertJson(alert);
  if (format === 'json') return basin;
  const icon = alert.event === 'freshness_warn' ? ':warning:' : ':rotating_light:';
  const link = alert.link ? ` <${alert.link}|open the run>` : '';
  const listed = alert.assets.slice(0, MAX_LISTED);
  const more = alert.assets.length - listed.length;
  const text = `${icon} ${escapeMrkdwn(alert.title)}${alert.assets[0] ? `: ${escapeMrkdwn(alert.assets[0].key)}` : ''}${link}`;
  const blocks: Record<string, unknown>[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `${icon} *${escapeMrkdwn(alert.title)}*${link}` } },
    ...listed.map((a) => ({
      type: 'section',
      text: { type: 'mrkdwn', text: clip(`*${escapeMrkdwn(a.key)}* (${a.status})${a.detail ? `\n\`\`\`${escapeMrkdwn(clip(a.detail, MAX_DETAIL))}\`\`\`` : ''}`, 3000) },
    })),
  ];
  const context = [alert.job ? `job ${alert.job}` : undefined, alert.runId ? `run ${alert.runId}` : undefined, more > 0 ? `${more} more asset(s)` : undefined, alert.at.toISOString()]
    .filter((x): x is string => x !== undefined)
    .join(' · ');
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(context) }] });
  return { text, blocks, basin };
}
