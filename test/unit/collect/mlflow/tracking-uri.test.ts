import { describe, expect, it } from 'vitest'
import { GateError } from '../../../../src/core/errors.js'
import {
  classifyTrackingUri,
  displayTrackingUri,
  resolveTrackingUri
} from '../../../../src/collect/mlflow/tracking-uri.js'

describe('tracking URIs', () => {
  it('classifies REST, SQLite and file stores', () => {
    expect(classifyTrackingUri('http://127.0.0.1:5000/')).toEqual({
      kind: 'rest',
      baseUrl: 'http://127.0.0.1:5000',
      display: 'http://127.0.0.1:5000'
    })
    expect(classifyTrackingUri('https://ml.example.com/mlflow')).toMatchObject({
      kind: 'rest',
      baseUrl: 'https://ml.example.com/mlflow'
    })
    expect(classifyTrackingUri('sqlite:///mlflow.db')).toEqual({
      kind: 'sqlite',
      path: 'mlflow.db',
      display: 'sqlite:///mlflow.db'
    })
    expect(classifyTrackingUri('sqlite:////abs/mlflow.db')).toMatchObject({ kind: 'sqlite', path: '/abs/mlflow.db' })
    expect(classifyTrackingUri('file:///tmp/mlruns')).toMatchObject({ kind: 'file', path: '/tmp/mlruns' })
    expect(classifyTrackingUri('./mlruns')).toMatchObject({ kind: 'file', path: './mlruns' })
  })

  it('refuses Databricks, unknown schemes and malformed SQLite URIs as invalid (exit 2)', () => {
    for (const [uri, pattern] of [
      ['databricks', /points at Databricks.*Fix: /],
      ['databricks://profile', /points at Databricks/],
      ['s3://bucket/x', /uses a scheme aims-gate cannot read/],
      ['sqlite://', /not a SQLite URI MLflow understands/]
    ] as const) {
      let caught: unknown
      try {
        classifyTrackingUri(uri)
      } catch (error) {
        caught = error
      }
      expect(caught).toBeInstanceOf(GateError)
      expect((caught as GateError).exitCode).toBe(2)
      expect((caught as GateError).message).toMatch(pattern)
    }
  })

  it('takes the option first, then MLFLOW_TRACKING_URI, and says what to do when neither is set', () => {
    expect(resolveTrackingUri('http://a:1', { MLFLOW_TRACKING_URI: 'http://b:2' })).toBe('http://a:1')
    expect(resolveTrackingUri(undefined, { MLFLOW_TRACKING_URI: 'http://b:2' })).toBe('http://b:2')
    expect(() => resolveTrackingUri(' ', {})).toThrow(/No MLflow tracking URI given\. Fix: .*MLFLOW_TRACKING_URI/)
  })

  it('refuses a password with an unencoded / without quoting it (a URL parser would read it as a port or path)', () => {
    for (const uri of ['http://ci:pa/ss-secret@h:5000', 'http://ci:1234/x-secret@h:5000', 'http://ci:pa?ss-secret@h']) {
      let message = ''
      try {
        classifyTrackingUri(uri)
      } catch (error) {
        message = (error as Error).message
      }
      expect(message).toMatch(/^The tracking URI \(credentials hidden\) is not a valid URL\. Fix: percent-encode/)
      expect(message).not.toContain('secret')
    }
    expect(displayTrackingUri('http://ci:pa/ss-secret@h:5000/x')).toBe('http://h:5000/x')
    expect(displayTrackingUri('http://ci:1234/x-secret@h:5000')).toBe('http://h:5000')
  })

  it('never shows credentials or query strings', () => {
    expect(displayTrackingUri('https://user:secret@ml.example.com/p/?token=abc#x')).toBe('https://ml.example.com/p')
    expect(displayTrackingUri('weird://user:secret@host/x?token=1')).toBe('weird://host/x')
    const target = classifyTrackingUri('http://user:secret@h:5000')
    expect(JSON.stringify({ ...target, uriCredentials: undefined })).not.toContain('secret')
  })
})
