/**
 * Sends a dashboard report: by e-mail through the SMTP server of basin.yml
 * `smtp:` (the page as the HTML body, the PDF attached when the report's
 * format is pdf), and to webhook URLs as one JSON POST each. Every
 * recipient gets its own result: an e-mail address, or a webhook's origin
 * only (its path and query may hold a token); never the SMTP password.
 */
import { z } from 'zod';
import { BasinError, errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Dashboard } from './dashboard.js';

/** basin.yml `smtp:`. */
export const smtpConfigSchema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(587),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().default(false),
  user: z.string().min(1).optional(),
  /** Pass it as `${env:SMTP_PASSWORD}`. */
  password: z.string().min(1).optional(),
  from: z.string().min(3),
});
export type SmtpConfig = z.infer<typeof smtpConfigSchema>;

/** One recipient's outcome. */
export interface DeliveryResult {
  to: string;
  ok: boolean;
  error?: string | undefined;
}

/** A recipient is a webhook when it is an http(s) URL, else an e-mail address. */
export function isWebhook(to: string): boolean {
  return /^https?:\/\//.test(to);
}

export interface ReportContent {
  dashboard: Pick<Dashboard, 'name' | 'title'>;
  html: string;
  /** The PDF, when the report's format is pdf. */
  pdf?: Buffer | undefined;
  generatedAt: Date;
}

function scrub(text: string, smtp: SmtpConfig | undefined): string {
  return smtp?.password ? text.split(smtp.password).join('***') : text;
}

/** Delivers `content` to every recipient in `to`. */
export async function deliverReport(
  content: ReportContent,
  to: readonly string[],
  options: { smtp?: SmtpConfig | undefined; logger: Logger; signal?: AbortSignal | undefined },
): Promise<DeliveryResult[]> {
  const emails = to.filter((t) => !isWebhook(t));
  const hooks = to.filter(isWebhook);
  const results: DeliveryResult[] = [];
  const subject = `${content.dashboard.title} — ${content.generatedAt.toISOString().slice(0, 10)}`;
  const file = `${content.dashboard.name}-${content.generatedAt.toISOString().slice(0, 10)}`;
  if (emails.length > 0) {
    if (!options.smtp) {
      for (const e of emails) results.push({ to: e, ok: false, error: 'no smtp: in basin.yml: set host, port, from (and user, password) to e-mail reports' });
    } else {
      const nodemailer = await import('nodemailer');
      const smtp = options.smtp;
      const transport = nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
        connectionTimeout: 30_000,
      });
      try {
        for (const address of emails) {
          try {
            await transport.sendMail({
              from: smtp.from,
              to: address,
              subject,
              html: content.html,
              text: `${content.dashboard.title}: the report is attached as HTML${content.pdf ? ' and PDF' : ''}.`,
              attachments: content.pdf ? [{ filename: `${file}.pdf`, content: content.pdf, contentType: 'application/pdf' }] : [],
            });
            results.push({ to: address, ok: true });
          } catch (err) {
            results.push({ to: address, ok: false, error: scrub(errorMessage(err), smtp) });
          }
        }
      } finally {
        transport.close();
      }
    }
  }
  for (const url of hooks) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          dashboard: content.dashboard.name,
          title: content.dashboard.title,
          generated_at: content.generatedAt.toISOString(),
          html: content.html,
          ...(content.pdf ? { pdf_base64: content.pdf.toString('base64'), filename: `${file}.pdf` } : {}),
        }),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (!response.ok) throw new BasinError('HTTP_STATUS', `answered ${response.status}`);
      // A webhook URL may hold a token (Slack's do, in the path): results name only its origin.
      results.push({ to: new URL(url).origin, ok: true });
    } catch (err) {
      results.push({ to: new URL(url).origin, ok: false, error: errorMessage(err) });
    }
  }
  for (const r of results) if (!r.ok) options.logger.warn(`report ${content.dashboard.name} to ${r.to} failed: ${r.error}`);
  return results;
}
