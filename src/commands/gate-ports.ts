/** The pipeline ports a CLI command that re-runs the gate passes (as `check` does). */
import { progressReporter } from '../collect/progress.js'
import type { CollectPorts } from '../pipeline/collect-evidence.js'
import type { CommandIO } from './command.js'

export function gatePorts(io: CommandIO): CollectPorts {
  return {
    clock: { now: () => new Date() },
    env: io.env,
    cwd: io.cwd,
    log: (line) => io.stderr(`${line}\n`),
    redact: io.redact ?? ((text) => text),
    progress: (label) => progressReporter({ sink: { isTTY: io.isTTY, write: io.stderr }, label })
  }
}
