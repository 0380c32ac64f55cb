/**
 * Artifact listing for the REST store: which run or logged model serves a root the proxy cannot
 * reach (the store remembers each root it has seen and answers through that owner's endpoints; a
 * root nobody owns is an error), and the paged `artifacts/list`-shaped answers.
 */
import type { ArtifactFile } from '../../../core/evidence/types.js'
import { evidenceError } from '../../../core/errors.js'
import { relativeTo } from './artifact-location.js'
import type { HttpClient } from './http.js'
import type { RequestSpec } from './request-spec.js'
import * as S from './schemas.js'

const MAX_PAGES = 1_000

/** The owner (run or logged model id) of `rootUri` and the path of `rootUri` below its root. */
export function ownerOf(roots: Map<string, string>, rootUri: string): { id: string; rel: string } | undefined {
  for (const [root, id] of roots) {
    const rel = relativeTo(root, rootUri.replace(/\/+$/, ''))
    if (rel !== undefined) return { id, rel }
  }
  return undefined
}

export function toFile(path: string, json: S.FileInfoJson): ArtifactFile {
  return json.file_size === undefined
    ? { path, isDir: json.is_dir }
    : { path, isDir: json.is_dir, size: json.file_size }
}

export function unreachableRoot(rootUri: string) {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(rootUri)?.[1] ?? 'local path'
  return evidenceError(
    `Artifact root "${rootUri.replace(/\/\/[^/@]*@/, '//')}" (${scheme}) is not ` +
      `served by this tracking server's artifact proxy. Fix: start the server with ` +
      `--serve-artifacts and an --artifacts-destination, or read the store directly ` +
      `with a sqlite:/// tracking URI.`
  )
}

/** Every page of an artifact listing (bounded: a server repeating its page token ends the loop). */
export async function artifactPages(http: HttpClient, spec: RequestSpec): Promise<S.FileInfoJson[]> {
  const files: S.FileInfoJson[] = []
  let pageToken: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const json = await http.json({ ...spec, query: { ...spec.query, page_token: pageToken } }, S.listArtifactsResponse)
    files.push(...json.files)
    if (!json.next_page_token || json.next_page_token === pageToken) break
    pageToken = json.next_page_token
  }
  return files
}
