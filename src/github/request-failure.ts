/**
 * Turns a failed GitHub request into something a report can show: the HTTP status and one
 * sentence. Only the status and GitHub's own message are used, never the request, so no token or
 * header can leak into a message.
 */

/** HTTP status of a failed Octokit request, or undefined for a network/parse failure. */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = (error as { status: unknown }).status
    if (typeof status === 'number') return status
  }
  return undefined
}

/** GitHub's `message` (first line, bounded), without anything from the request itself. */
export function githubMessageOf(error: unknown): string {
  const data =
    typeof error === 'object' && error !== null && 'response' in error
      ? (error as { response?: { data?: unknown } }).response?.data
      : undefined
  const fromBody =
    typeof data === 'object' && data !== null && 'message' in data ? (data as { message: unknown }).message : undefined
  const raw = typeof fromBody === 'string' ? fromBody : error instanceof Error ? error.name : 'request failed'
  return (raw.split('\n')[0] ?? '').slice(0, 200)
}

/** `HTTP 403 (Resource not accessible by integration)` or `network error (TypeError)`. */
export function describeFailure(error: unknown): string {
  const status = httpStatusOf(error)
  const message = githubMessageOf(error)
  return status === undefined ? `network error (${message})` : `HTTP ${status} (${message})`
}
