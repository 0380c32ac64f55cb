/**
 * A list of names read from outside (a run's metric keys, a store's model names) for a message:
 * sorted, each made one-line and visible (control characters shown, not obeyed), each cut to a
 * readable length and the whole list bounded, so a run with thousands of keys or a forged key
 * cannot flood or rewrite the output.
 */
import { showControlsInline } from './control-chars.js'

const MAX_NAME_CHARS = 60

export function nameList(names: readonly string[], max = 20): string {
  if (names.length === 0) return 'none'
  const shown = [...names]
    .sort()
    .slice(0, max)
    .map((name) => {
      const visible = showControlsInline(name)
      return visible.length > MAX_NAME_CHARS ? `${visible.slice(0, MAX_NAME_CHARS)}…` : visible
    })
  const more = names.length > max ? `, … and ${names.length - max} more` : ''
  return `${shown.join(', ')}${more}`
}
