/** Every CLI sub-command, in the order `--help` lists them. */
import { checkCommand } from './check.js'
import type { Command } from './command.js'
import { controlsCommand } from './controls.js'
import { diffCommand } from './diff.js'
import { initCommand } from './init.js'
import { inspectCommand } from './inspect.js'
import { policyCommand } from './policy-validate.js'
import { postureCommand } from './posture.js'
import { promoteCommand } from './promote.js'
import { rollbackCommand } from './rollback.js'
import { verifyCommand } from './verify.js'

export const COMMANDS: readonly Command[] = [
  checkCommand,
  promoteCommand,
  rollbackCommand,
  inspectCommand,
  diffCommand,
  policyCommand,
  controlsCommand,
  verifyCommand,
  postureCommand,
  initCommand
]
