/**
 * `aims-gate verify BUNDLE`: checks an evidence bundle offline. Every digest (naming the file
 * that changed), the DSSE signature with `--key`, and a re-evaluation of the verdict from the
 * bundled evidence and policy that must give the bundled report byte for byte.
 * Exit 0 verified · 1 mismatch (naming the file or fact) · 2 unusable bundle or invocation.
 */
import { createHash, type KeyObject } from 'node:crypto'
import path from 'node:path'
import { checkDigests, type Finding } from '../core/bundle/check-digests.js'
import { DSSE_FILE, type Envelope, envelopeSchema, IN_TOTO_PAYLOAD_TYPE, verifyEnvelope } from '../core/bundle/dsse.js'
import { STATEMENT_FILE, REPORT_FILE, type Statement } from '../core/bundle/statement.js'
import type { Manifest } from '../core/bundle/manifest.js'
import { EXIT, invalid, type ExitCode } from '../core/errors.js'
import { showControls } from '../core/text/control-chars.js'
import { reevaluateBundle } from '../pipeline/reevaluate-bundle.js'
import { optionsHelp } from '../options/help.js'
import { defineCommand, type Command, type CommandIO } from './command.js'
import { readBundleFolder } from './read-bundle-folder.js'
import { readSigningKey } from '../collect/read-signing-key.js'
import { changesSince } from './verify-against.js'
import { evidenceFromSnapshot } from '../core/bundle/snapshot.js'
import { readSigstoreInputs, sigstoreLines } from './verify-sigstore-step.js'
import { verifySigstore } from './verify-sigstore.js'

const USAGE = `Usage: aims-gate verify BUNDLE [--key PUBLIC_KEY] [--against TRACKING_URI]
       [--sigstore-bundle FILE --trusted-root FILE [--certificate-identity SAN] [--certificate-oidc-issuer URL]]

Verifies an evidence bundle written by \`aims-gate check --bundle BUNDLE\`, offline: every file's
SHA-256 against manifest.json and statement.json, the DSSE signature of the statement with
--key or the Sigstore bundle actions/attest made over it (against a trusted root, offline), and
a re-evaluation of the verdict from the bundled evidence snapshot with the bundled policy, which
must give the bundled report, card and Statement of Applicability byte for byte.
What each check proves and what it does not: docs/auditors.md.

${optionsHelp('verify')}
Exit codes: 0 verified · 1 mismatch (the file or fact is named) · 2 unusable bundle or invocation.
`

function signatureFindings(files: ReadonlyMap<string, Buffer>, key: KeyObject): Finding[] {
  const bytes = files.get(DSSE_FILE)
  if (bytes === undefined)
    return [{ subject: DSSE_FILE, message: `--key was given but the bundle has no ${DSSE_FILE} (it was not signed)` }]
  let envelope: Envelope
  try {
    envelope = envelopeSchema.parse(JSON.parse(bytes.toString('utf8')))
  } catch {
    return [{ subject: DSSE_FILE, message: `${DSSE_FILE} is not a DSSE envelope` }]
  }
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE)
    return [{ subject: DSSE_FILE, message: `${DSSE_FILE} signs a ${envelope.payloadType}, not an in-toto statement` }]
  const checked = verifyEnvelope(envelope, key)
  if (!checked.ok) return [{ subject: DSSE_FILE, message: `${DSSE_FILE}: ${checked.reason}` }]
  if (!checked.payload.equals(files.get(STATEMENT_FILE)!))
    return [{ subject: STATEMENT_FILE, message: `${STATEMENT_FILE} is not the statement the envelope signs` }]
  return []
}

/** The statement's subjects are the report and exactly the model files the manifest binds. */
function subjectFindings(files: ReadonlyMap<string, Buffer>, manifest: Manifest, statement: Statement): Finding[] {
  const report = createHash('sha256')
    .update(files.get(REPORT_FILE) ?? '')
    .digest('hex')
  const want = [
    ...manifest.inputs.filter((i) => i.kind === 'model-file').map((i) => `${i.uri} ${i.sha256}`),
    `${REPORT_FILE} ${report}`
  ]
  const have = statement.subject.map((s) => `${s.name} ${s.digest.sha256}`)
  return JSON.stringify(want) === JSON.stringify(have)
    ? []
    : [
        {
          subject: `${STATEMENT_FILE} subject`,
          message: "the statement's subjects are not the bundled report and the model files the manifest lists"
        }
      ]
}

export const verifyCommand: Command = defineCommand({
  options: 'verify',
  positionals: true,
  summary: 'Verify an evidence bundle offline: digests, signature, and the verdict re-evaluated.',
  usage: USAGE,
  async run({ values, positionals }, io: CommandIO): Promise<ExitCode> {
    if (positionals.length !== 1) throw invalid('give one bundle folder: aims-gate verify BUNDLE')
    const dir = path.resolve(io.cwd, positionals[0]!)
    const key =
      values.verifyKeyPath === undefined
        ? undefined
        : await readSigningKey(path.resolve(io.cwd, values.verifyKeyPath), 'public', '--key')
    const sigstore = await readSigstoreInputs(values, io.cwd)
    const { files, strange } = await readBundleFolder(dir)
    const fail = (findings: Finding[]): ExitCode => {
      for (const finding of findings) io.stderr(showControls(`MISMATCH ${finding.subject}: ${finding.message}\n`))
      io.stdout(`not verified: ${findings.length} mismatch${findings.length === 1 ? '' : 'es'}\n`)
      return EXIT.blocked
    }
    if (strange.length > 0)
      return fail(
        strange.map((name) => ({
          subject: name,
          message: `${name} is not a regular file (symlink or device); a bundle holds files only`
        }))
      )
    const digests = checkDigests(files)
    if (!digests.ok) return fail(digests.findings)
    io.stdout(`ok  digests: ${files.size} files agree with manifest.json and statement.json\n`)
    const subjects = subjectFindings(files, digests.manifest, digests.statement)
    if (subjects.length > 0) return fail(subjects)
    if (key !== undefined) {
      const signature = signatureFindings(files, key)
      if (signature.length > 0) return fail(signature)
      io.stdout('ok  signature: statement.json is signed by the given key (DSSE)\n')
    } else if (files.has(DSSE_FILE)) {
      io.stdout(`--  signature: ${DSSE_FILE} present but not checked (give --key)\n`)
    }
    if (sigstore !== undefined) {
      const checked = verifySigstore(sigstore.bundle, sigstore.root, digests.statement, sigstore.expected)
      if (!checked.ok) return fail(checked.findings)
      const lines = sigstoreLines(checked.signer, sigstore.expected)
      for (const line of lines.stdout) io.stdout(showControls(line))
      for (const line of lines.stderr) io.stderr(showControls(line))
    }
    const again = reevaluateBundle(files, digests.statement)
    if (!again.ok) return fail(again.findings)
    io.stdout(`ok  re-evaluation: verdict ${again.verdict}; ${again.compared.join(', ')} identical\n`)
    const model = digests.statement.predicate.model
    io.stdout(`verified: ${model.name} version ${model.version}, verdict ${again.verdict}\n`)
    const against = values.againstUri
    if (against !== undefined) {
      const bundled = evidenceFromSnapshot((name) => files.get(name)?.toString('utf8'))
      const changes = await changesSince(bundled, against, io.env)
      io.stdout(
        showControls(`changes in ${against} since the bundle: ${changes.length === 0 ? 'none' : changes.length}\n`)
      )
      for (const c of changes) io.stdout(showControls(`  ${c.what}: ${c.before} -> ${c.after}\n`))
    }
    return EXIT.allowed
  }
})
