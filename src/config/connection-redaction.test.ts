import { describe, expect, it } from 'vitest';
import { connectionSecretValues, isSecretKey, redactedConfig, redactedStreams } from './connection-redaction.js';

describe('isSecretKey', () => {
  it('recognises secret-looking keys in any case and spelling', () => {
    for (const key of [
      'password', 'PASSWORD', 'db_password', 'token', 'access_token', 'refreshToken', 'secret', 'client_secret',
      'clientSecret', 'api_key', 'API-KEY', 'apiKey', 'apikey', 'private_key', 'privateKey', 'Authorization', 'credentials',
    ]) {
      expect(isSecretKey(key), key).toBe(true);
    }
  });
  it('leaves ordinary keys and endpoints alone', () => {
    for (const key of ['host', 'user', 'base_url', 'token_url', 'authorization_endpoint', 'account', 'keys']) {
      expect(isSecretKey(key), key).toBe(false);
    }
  });
});

describe('redactedConfig', () => {
  const connection = {
    config: {
      host: 'db.internal',
      user: 'loader',
      password: 'hunter22',
      auth: { type: 'oauth', client_secret: 'cs', token_url: 'https://auth.test/token' },
      dsn: 'postgres://u:p@h/db',
      hosts: ['a', 'b-from-env'],
      headers: { Authorization: { scheme: 'Bearer', value: 'x' } },
      optional_token: null,
    },
    streams: { orders: { path: '/orders', api_key: 'k', cursor: 'from-env' } },
    secretPaths: ['config.dsn', 'config.hosts[1]', 'streams.orders.cursor'],
  };

  it('masks env-provided values and secret-looking keys, keeps the rest', () => {
    expect(redactedConfig(connection)).toEqual({
      host: 'db.internal',
      user: 'loader',
      password: '***',
      auth: { type: 'oauth', client_secret: '***', token_url: 'https://auth.test/token' },
      dsn: '***',
      hosts: ['a', '***'],
      headers: { Authorization: '***' },
      optional_token: null,
    });
    expect(redactedStreams(connection)).toEqual({ orders: { path: '/orders', api_key: '***', cursor: '***' } });
  });

  it('does not modify the connection', () => {
    redactedConfig(connection);
    expect(connection.config.password).toBe('hunter22');
  });

  it('lists the values a message must never contain', () => {
    expect(connectionSecretValues(connection).sort()).toEqual(['Bearer', 'b-from-env', 'cs', 'from-env', 'hunter22', 'k', 'postgres://u:p@h/db', 'x'].sort());
  });
});
