/**
 * Reads what the write-back uploaded for one version: the folder listing (is there a card, a
 * report?) and the report's bytes. A failure is recorded as an unreadable report with the
 * client's (credential-scrubbed) message: it becomes a finding, never a pass, never a crash.
 */
import type { GateArtifacts } from '../../core/posture/collected.js'
import { reportFacts } from './read-report.js'
import type { PostureRegistryReader } from './registry-rest.js'

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error))

export async function readGateArtifacts(
  reader: PostureRegistryReader,
  runId: string,
  version: string,
  dir: string
): Promise<GateArtifacts> {
  let files: string[]
  try {
    files = await reader.listRunFolder(runId, dir)
  } catch (error) {
    // Whether a card exists is unknown here; the unreadable report is the finding that says why.
    return {
      report: { kind: 'unreadable', reason: `listing ${dir}/ of run ${runId} failed: ${message(error)}` },
      cardPresent: true
    }
  }
  const reportName = `${version}.report.json`
  const cardPresent = files.includes(`${version}.md`)
  if (!files.includes(reportName)) {
    return { report: { kind: 'absent', reason: `run ${runId} has no ${dir}/${reportName}` }, cardPresent }
  }
  try {
    return { report: reportFacts(await reader.readRunArtifact(runId, `${dir}/${reportName}`)), cardPresent }
  } catch (error) {
    return {
      report: { kind: 'unreadable', reason: `reading ${dir}/${reportName} failed: ${message(error)}` },
      cardPresent
    }
  }
}
