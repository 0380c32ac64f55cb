/**
 * The redactor: every form a planted credential can travel in is hidden, and ordinary text
 * (messages that talk about "Basic authentication" or name MLFLOW_TRACKING_TOKEN) is left alone.
 */
import { describe, expect, it } from 'vitest'
import { collectSecrets, createRedactor, urisInArgv } from '../../../../src/core/text/redact.js'
import { splitUserInfo, withoutUserInfo } from '../../../../src/core/text/uri-userinfo.js'

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')

describe('createRedactor', () => {
  const secret = 'p@ss/wörd"1'
  const redact = createRedactor([secret])

  it('hides the secret as written, percent-encoded and JSON-escaped', () => {
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) {
      expect(redact(`before ${form} after`)).toBe('before *** after')
    }
  })

  it('hides credential shapes it was not told about', () => {
    expect(redact('Authorization: Bearer abc.def-123')).toBe('Authorization: ***')
    expect(redact('{"authorization": "Basic dXNlcjpwdw=="}')).toBe('{"authorization": "***"}')
    expect(redact('Cookie: session=s3cr3t; theme=dark')).toBe('Cookie: ***')
    expect(redact('sent Bearer eyJhbGciOi.x.y to the server')).toBe('sent Bearer *** to the server')
    expect(redact('header Basic dXNlcjpwYXNz')).toBe('header Basic ***')
    expect(redact('see https://admin:hunter2@ml.example.com/x')).toBe('see https://***@ml.example.com/x')
    expect(redact('token ghp_0123456789abcdefghijABCDEFGHIJ')).toBe('token ***')
  })

  it('leaves ordinary text alone', () => {
    const text =
      'Fix: set MLFLOW_TRACKING_TOKEN; Basic authentication failed for GET registered-models/get (name=credit-risk).'
    expect(createRedactor([])(text)).toBe(text)
  })

  it('ignores secrets too short to protect anything', () => {
    expect(createRedactor(['ab', '', undefined])('ab cd')).toBe('ab cd')
  })
})

describe('collectSecrets', () => {
  it('finds the MLflow and GitHub credentials, URI user info and their Basic forms', () => {
    const secrets = collectSecrets(
      {
        MLFLOW_TRACKING_TOKEN: 'tok-1234',
        MLFLOW_TRACKING_USERNAME: 'bob',
        MLFLOW_TRACKING_PASSWORD: 'pw-5678',
        GITHUB_TOKEN: 'gh-9999'
      },
      ['http://ci:p%40ss%2Fword@host:5000']
    )
    for (const expected of [
      'tok-1234',
      'pw-5678',
      'gh-9999',
      b64('bob:pw-5678'),
      'p%40ss%2Fword',
      'p@ss/word',
      b64('ci:p@ss/word'),
      b64('ci:p%40ss%2Fword')
    ]) {
      expect(secrets).toContain(expected)
    }
  })

  it('finds a password with an unencoded / or @ that a URL parser would misread', () => {
    expect(collectSecrets({}, ['http://ci:pa/ss@word@host:5000/x'])).toContain('pa/ss@word')
  })

  it('finds tracking URIs on a command line', () => {
    expect(
      urisInArgv(['check', '--tracking-uri', 'http://a:b@h', '--tracking-uri=https://c@d', 'models:/m@a'])
    ).toEqual(['http://a:b@h', 'https://c@d'])
  })

  it('leaves certificate identities alone: public, and their @ is not user info', () => {
    const identity = 'https://github.com/o/r/.github/workflows/x.yml@refs/heads/main'
    const argv = ['verify', 'b', '--certificate-identity', identity, `--certificate-oidc-issuer=https://i@x`]
    expect(urisInArgv([...argv, '--tracking-uri', 'http://a:b@h'])).toEqual(['http://a:b@h'])
  })
})

describe('user info without a URL parser', () => {
  it('takes everything up to the last @ as user info', () => {
    expect(splitUserInfo('http://u:p/q@host:1/x')).toEqual({ prefix: 'http://', userInfo: 'u:p/q', rest: 'host:1/x' })
    expect(withoutUserInfo('http://u:p/q@host:1/x')).toBe('http://host:1/x')
    expect(splitUserInfo('http://host:1/x')).toEqual({ prefix: 'http://', rest: 'host:1/x' })
  })
})
