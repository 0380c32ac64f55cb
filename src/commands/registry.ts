/** Every CLI sub-command, in the order `--help` lists them. */
import { checkCommand } from './check.js'
import type { Command } from './command.js'
import { controlsCommand } from './controls.js'
import { diffCommand } from './diff.js'
import { inspectCommand } from './inspect.js'
import { policyCommand } from './policy-validate.js'

export const COMMANDS: readonly Command[] = [checkCommand, inspectCommand, diffCommand, policyCommand, controlsCommand]
