/**
 * Which versions of a model the posture judges: those the considered aliases point at (every
 * alias when `--alias` was not given), else the latest version. An alias naming a version the
 * registry did not list is kept as a version with no tags (so it reads as never gated, not passing).
 */
import type { CollectedModel, CollectedVersion, ConsideredVersion } from './collected.js'
import { compareText, compareVersions } from './finding.js'

export function consideredAliases(model: CollectedModel, wanted: readonly string[]): string[] {
  const names = Object.keys(model.aliases).sort(compareText)
  return wanted.length === 0 ? names : names.filter((alias) => wanted.includes(alias))
}

export function latestVersion(versions: readonly CollectedVersion[]): CollectedVersion | undefined {
  return [...versions].sort((a, b) => compareVersions(b.version, a.version))[0]
}

export function consideredVersions(model: CollectedModel, wanted: readonly string[]): ConsideredVersion[] {
  const aliases = consideredAliases(model, wanted)
  if (aliases.length === 0) {
    const latest = latestVersion(model.versions)
    return latest === undefined ? [] : [{ version: latest, aliases: [] }]
  }
  const byVersion = new Map<string, string[]>()
  for (const alias of aliases) {
    const version = model.aliases[alias] as string
    byVersion.set(version, [...(byVersion.get(version) ?? []), alias])
  }
  return [...byVersion.entries()]
    .sort(([a], [b]) => compareVersions(b, a))
    .map(([number, names]) => ({
      version: model.versions.find((v) => v.version === number) ?? {
        version: number,
        createdAt: 0,
        tags: {},
        aliases: names
      },
      aliases: names
    }))
}
