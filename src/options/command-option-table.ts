/**
 * The options only one command (or only the action) has, part of the option table
 * (option-table.ts): promotion, rollback, inspect, diff, init, the output format and the action's
 * GitHub features.
 */
import { z } from 'zod'
import { option } from './option-spec.js'

const PROMOTION = ['promote', 'rollback'] as const

export const COMMAND_OPTIONS = {
  expectCurrent: option({
    flag: 'expect-current',
    placeholder: 'N|none',
    kind: 'string',
    schema: z
      .string()
      .regex(/^(none|[1-9]\d{0,17})$/)
      .optional(),
    refusal: 'copy promotion.expectedCurrent from the check\'s report (a version number or "none")',
    help:
      "the holder an earlier check saw (its report's promotion.expectedCurrent): refused when the alias " +
      'points elsewhere now',
    commands: ['promote']
  }),
  expectEvidence: option({
    flag: 'expect-evidence',
    placeholder: 'SHA256',
    kind: 'string',
    schema: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    refusal: 'copy promotion.evidenceSha256 (64 lowercase hex digits) from the report of check --to',
    help:
      'the evidence digest an earlier check --to recorded (promotion.evidenceSha256): refused when a tag or ' +
      'metric of the version or its run changed since',
    commands: ['promote']
  }),
  actor: option({
    flag: 'actor',
    placeholder: 'NAME',
    kind: 'string',
    schema: z.string().optional(),
    help: 'who promotes, for the tags (default GITHUB_ACTOR, else the OS user)',
    commands: PROMOTION
  }),
  force: option({
    flag: 'force',
    kind: 'boolean',
    default: 'false',
    schema: z.boolean(),
    help: 'roll back even when the previous holder does not pass the gate now',
    commands: ['rollback']
  }),
  reason: option({
    flag: 'reason',
    placeholder: 'TEXT',
    kind: 'string',
    schema: z.string().optional(),
    help: 'why (required with --force; recorded in aims.promotion.<alias>.forced_reason)',
    commands: ['rollback']
  }),
  baselineAlias: option({
    flag: 'baseline-alias',
    placeholder: 'A',
    kind: 'string',
    default: 'champion',
    schema: z.string().min(1),
    help: 'alias of the version to compare with (default: champion)',
    commands: ['inspect']
  }),
  documents: option({
    flag: 'document',
    placeholder: 'PATH',
    kind: 'list',
    schema: z.array(z.string()).default([]),
    help: 'run artifact to fetch as a document (repeatable)',
    commands: ['inspect']
  }),
  downloadModel: option({
    flag: 'download-model',
    kind: 'boolean',
    default: 'false',
    schema: z.boolean(),
    help: 'download and hash the whole model directory',
    commands: ['inspect']
  }),
  workDir: option({
    flag: 'work-dir',
    placeholder: 'DIR',
    kind: 'string',
    schema: z.string().min(1).optional(),
    help: 'where downloaded models go (default: a temporary folder, removed afterwards)',
    commands: ['inspect']
  }),
  against: option({
    flag: 'against',
    placeholder: 'ALIAS',
    kind: 'string',
    default: 'champion',
    schema: z.string().min(1),
    help: 'alias of the version to compare with (default: champion)',
    commands: ['diff']
  }),
  soaPath: option({
    flag: 'soa',
    placeholder: 'FILE',
    kind: 'string',
    schema: z.string().min(1).optional(),
    help: 'also write the Statement of Applicability: Markdown (.md) or CSV (.csv)',
    commands: ['controls']
  }),
  crosswalk: option({
    flag: 'crosswalk',
    placeholder: 'nist-ai-rmf|eu-ai-act',
    kind: 'string',
    schema: z.enum(['nist-ai-rmf', 'eu-ai-act']).optional(),
    refusal: 'write --crosswalk nist-ai-rmf or --crosswalk eu-ai-act',
    help: 'print the Annex A crosswalk to the NIST AI RMF 1.0 or the EU AI Act (with --json: as JSON)',
    commands: ['controls']
  }),
  verifyKeyPath: option({
    flag: 'key',
    placeholder: 'FILE',
    kind: 'string',
    schema: z.string().min(1).optional(),
    help: 'public key (PEM, Ed25519 or ECDSA P-256) the statement must be signed with',
    commands: ['verify']
  }),
  sigstoreBundlePath: option({
    flag: 'sigstore-bundle',
    placeholder: 'FILE',
    kind: 'string',
    schema: z.string().min(1).optional(),
    help: "the Sigstore bundle actions/attest made over the bundle's statement (needs --trusted-root)",
    commands: ['verify']
  }),
  trustedRootPath: option({
    flag: 'trusted-root',
    placeholder: 'FILE',
    kind: 'string',
    schema: z.string().min(1).optional(),
    help: 'the Sigstore trusted root to verify --sigstore-bundle against (gh attestation trusted-root); no network',
    commands: ['verify']
  }),
  certificateIdentity: option({
    flag: 'certificate-identity',
    placeholder: 'SAN',
    kind: 'string',
    schema: z.string().min(1).optional(),
    help:
      "the signer's certificate identity the Sigstore bundle must carry, exactly (for actions/attest: " +
      'https://github.com/OWNER/REPO/.github/workflows/FILE.yml@REF)',
    commands: ['verify']
  }),
  certificateOidcIssuer: option({
    flag: 'certificate-oidc-issuer',
    placeholder: 'URL',
    kind: 'string',
    schema: z.string().min(1).optional(),
    help: "the OIDC issuer the signer's certificate must name (GitHub: https://token.actions.githubusercontent.com)",
    commands: ['verify']
  }),
  againstUri: option({
    flag: 'against',
    placeholder: 'URI',
    kind: 'string',
    schema: z.string().min(1).optional(),
    help:
      'after verifying, read the version from this MLflow (http(s):// or sqlite:///) and list what changed ' +
      'since: aliases, tags, metrics, artifacts, model file digests',
    commands: ['verify']
  }),
  out: option({
    flag: 'out',
    placeholder: 'DIR',
    kind: 'string',
    default: '.',
    schema: z.string().min(1),
    help: 'folder to write the policy, the card source and the workflow into (default: the current folder)',
    commands: ['init']
  }),
  overwrite: option({
    flag: 'force',
    kind: 'boolean',
    default: 'false',
    schema: z.boolean(),
    help: 'replace files that already exist (default: refuse and write nothing)',
    commands: ['init']
  }),
  githubToken: option({
    input: 'github-token',
    kind: 'string',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    actionDefault: '${{ github.token }}',
    schema: z.string().optional(),
    help: 'token for the GitHub API',
    description:
      'Token for GitHub approvals, the PR comment and approver checks. Masked in the log; an empty ' +
      'value turns the GitHub features off (they then report why).',
    commands: ['action']
  }),
  comment: option({
    input: 'comment',
    kind: 'boolean',
    default: 'true',
    schema: z.boolean(),
    help: 'post or update the sticky PR comment',
    description: 'Post or update one sticky PR comment with the verdict (true/false).',
    commands: ['action']
  }),
  json: option({
    flag: 'json',
    kind: 'boolean',
    default: 'false',
    schema: z.boolean(),
    help: 'print the result as JSON',
    helpFor: {
      check: 'print the report as JSON instead of the table',
      inspect: 'print the evidence as JSON',
      diff: 'print the diff as JSON',
      'policy validate': 'print the resolved profiles as JSON'
    },
    commands: ['check', 'promote', 'rollback', 'inspect', 'diff', 'controls', 'policy validate']
  })
} as const
