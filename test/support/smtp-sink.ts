/** A real SMTP server on loopback that keeps what it receives, parsed (smtp-server + mailparser). */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  messages: ParsedMail[];
  /** Logins the server saw (user, password). */
  logins: Array<{ user: string; password: string }>;
  close(): Promise<void>;
}

/** Starts the sink; with `password`, it requires AUTH with that password. */
export async function startSmtpSink(options: { password?: string } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const logins: Array<{ user: string; password: string }> = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.password ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.password,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      logins.push({ user: auth.username ?? '', password: auth.password ?? '' });
      if (auth.password === options.password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });
  return { port, messages, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
