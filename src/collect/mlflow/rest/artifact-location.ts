/**
 * Where an artifact lives on the tracking server's artifact proxy, computed the way MLflow's
 * `MlflowArtifactsRepository.resolve_uri` does: `mlflow-artifacts:/1/abc/artifacts` + `model/MLmodel`
 * → `{tracking}/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/model/MLmodel`, keeping the tracking
 * URI's path prefix (the HTTP client prepends it). Roots the proxy cannot reach (s3://, file://, …)
 * give `undefined`; the store then falls back to run-scoped endpoints.
 */

export const PROXY_PREFIX = '/api/2.0/mlflow-artifacts/artifacts'

/** Joins artifact path segments with single slashes, without leading/trailing ones. */
export function joinArtifactPath(...parts: (string | undefined)[]): string {
  return parts
    .filter((p): p is string => p !== undefined && p !== '')
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter((p) => p !== '')
    .join('/')
}

/**
 * The proxy-relative path (`1/abc/artifacts/model`) for a root URI, or `undefined` when the root is
 * not served by this tracking server's proxy.
 */
export function proxyPath(rootUri: string, trackingBaseUrl: string): string | undefined {
  const root = rootUri.trim()
  const plain = /^mlflow-artifacts:\/(?!\/)(.*)$/.exec(root)
  if (plain) return joinArtifactPath(plain[1])
  const withHost = /^mlflow-artifacts:\/\/([^/]+)(\/.*)?$/.exec(root)
  if (withHost) {
    // Same host as the tracking server: the path is served by this proxy. Another host is not ours.
    const tracking = new URL(trackingBaseUrl)
    return withHost[1] === tracking.host ? joinArtifactPath(withHost[2]) : undefined
  }
  if (/^https?:\/\//.test(root)) {
    const marker = `${trackingBaseUrl}${PROXY_PREFIX}`
    return root.startsWith(marker) ? joinArtifactPath(root.slice(marker.length)) : undefined
  }
  return undefined
}

/** Percent-encodes each segment of an artifact path for use in a URL path. */
export function encodeArtifactPath(path: string): string {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map(encodeURIComponent)
    .join('/')
}

/** `rel` of `uri` below `root` (`''` for the root itself), or `undefined` when it is not below it. */
export function relativeTo(root: string, uri: string): string | undefined {
  const base = root.replace(/\/+$/, '')
  if (base === '') return uri
  if (uri === base) return ''
  return uri.startsWith(`${base}/`) ? uri.slice(base.length + 1) : undefined
}
