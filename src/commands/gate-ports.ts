/** The pipeline ports a CLI command that re-runs the gate passes (as `check` does). */
import { progressReporter } from '../render/progress.js'
import type { GatePorts } from '../pipeline/ports.js'
import type { CommandIO } from './command.js'

export function gatePorts(io: CommandIO): GatePorts {
  return {
    clock: { now: () => new Date() },
    env: io.env,
    cwd: io.cwd,
    log: (line) => io.stderr(`${line}\n`),
    redact: io.redact ?? ((text) => text),
    progress: (label) => progressReporter({ sink: { isTTY: io.isTTY, write: io.stderr }, label })
  }
}
