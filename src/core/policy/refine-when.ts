/**
 * When a cross-field rule may run although the object it checks has schema problems elsewhere.
 * zod skips an object's refinements as soon as any of its fields fails, so `policy validate` used to
 * report the rule's problem only after the other mistakes were fixed. A rule now runs when the
 * fields it reads are valid, so one run shows every problem; it never runs on a field that failed
 * (its message would be derived from a bad value), nor beside an unknown key (a misspelt `mni:` is
 * the `min:` the rule would call missing).
 */
import type { z } from 'zod'

export function whenFieldsValid(fields: readonly string[]): { when: (payload: z.core.ParsePayload) => boolean } {
  return {
    when: (payload) =>
      !payload.issues.some((issue) => {
        const first = issue.path?.[0]
        return issue.code === 'unrecognized_keys' || first === undefined || fields.includes(String(first))
      })
  }
}

/** For a rule that reads only the keys of a record: it runs unless the record itself is malformed. */
export const whenKeysReadable = {
  when: (payload: z.core.ParsePayload): boolean =>
    payload.value !== null &&
    typeof payload.value === 'object' &&
    !payload.issues.some((issue) => (issue.path?.length ?? 0) === 0)
}
