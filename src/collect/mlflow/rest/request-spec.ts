/**
 * What one MLflow request is, before it is sent: shared by the client (`http.ts`), the streaming
 * download and the error messages, which name the request they failed on.
 */

/** The `fetch` the REST client calls: global `fetch` in use, a stub in tests. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

export type Query = Record<string, string | number | boolean | readonly string[] | undefined>

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** Path below the tracking URI, starting with `/` (`/api/2.0/mlflow/runs/get`). */
  path: string
  query?: Query
  json?: unknown
  body?: Uint8Array
  contentType?: string
  /** Overrides the "Fix: …" sentence for MLflow JSON errors (4xx). */
  fix?: string
}
