import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../core/logger.js';
import { startSmtpSink, type SmtpSink } from '../../test/support/smtp-sink.js';
import { deliverReport, smtpConfigSchema } from './report-delivery.js';

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink({ password: 'smtp-secret-pw' });
});
afterAll(async () => sink.close());

const content = { dashboard: { name: 'revenue', title: 'Revenue' }, html: '<h1>Revenue</h1><p>MRR $36,128</p>', pdf: Buffer.from('%PDF-1.4 fake pdf bytes'), generatedAt: new Date('2026-11-30T08:00:00Z') };

describe('deliverReport', () => {
  it('e-mails the page with the PDF attached through a real SMTP server, with AUTH', async () => {
    const smtp = smtpConfigSchema.parse({ host: '127.0.0.1', port: sink.port, user: 'reports', password: 'smtp-secret-pw', from: 'Basin <basin@example.com>' });
    const results = await deliverReport(content, ['finance@example.com', 'ceo@example.com'], { smtp, logger: silentLogger });
    expect(results).toEqual([{ to: 'finance@example.com', ok: true }, { to: 'ceo@example.com', ok: true }]);
    expect(sink.messages).toHaveLength(2);
    const mail = sink.messages[0]!;
    expect(mail.subject).toBe('Revenue — 2026-11-30');
    expect(mail.html).toContain('MRR $36,128');
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([['revenue-2026-11-30.pdf', 'application/pdf', '%PDF-1.4 fake pdf bytes']]);
    expect(sink.logins[0]).toEqual({ user: 'reports', password: 'smtp-secret-pw' });
  });

  it('reports a refused login per recipient without the password, and e-mail without smtp config', async () => {
    const smtp = smtpConfigSchema.parse({ host: '127.0.0.1', port: sink.port, user: 'reports', password: 'wrong-pw-123', from: 'basin@example.com' });
    const [bad] = await deliverReport(content, ['a@example.com'], { smtp, logger: silentLogger });
    expect(bad).toMatchObject({ to: 'a@example.com', ok: false, error: expect.stringMatching(/Invalid username or password/) });
    expect(bad?.error).not.toContain('wrong-pw-123');
    expect(await deliverReport(content, ['a@example.com'], { logger: silentLogger })).toEqual([{ to: 'a@example.com', ok: false, error: expect.stringMatching(/no smtp: in basin.yml/) }]);
  });

  it('POSTs the report as JSON to webhook URLs, naming only their origin', async () => {
    const received: unknown[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.url === '/down') res.writeHead(503).end();
        else {
          received.push(JSON.parse(body));
          res.writeHead(200).end('ok');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const results = await deliverReport(content, [`${base}/hook?token=abc`, `${base}/down`], { logger: silentLogger });
      expect(results).toEqual([{ to: base, ok: true }, { to: base, ok: false, error: 'answered 503' }]);
      expect(received).toEqual([{ dashboard: 'revenue', title: 'Revenue', generated_at: '2026-11-30T08:00:00.000Z', html: content.html, pdf_base64: content.pdf.toString('base64'), filename: 'revenue-2026-11-30.pdf' }]);
    } finally {
      server.close();
    }
  });
});
