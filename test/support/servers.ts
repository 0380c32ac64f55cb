/**
 * The seeded MLflow servers of the integration global setup, for tests:
 *
 *   for (const s of servers()) { await fetch(`${s.uri}/api/2.0/mlflow/...`) }
 *   const v3 = server('mlflow3')
 */
import { inject } from 'vitest'
import type { Flavour, SeededServer } from './seed-manifest.js'

export type { Flavour, SeededServer, SeedManifest, SeedModel, SeedVersion } from './seed-manifest.js'

export function servers(): SeededServer[] {
  return inject('mlflow').servers
}

export function server(flavour: Flavour): SeededServer {
  const found = servers().find((s) => s.flavour === flavour)
  if (!found) throw new Error(`no seeded ${flavour} server (is this an integration test?)`)
  return found
}
