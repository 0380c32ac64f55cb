/**
 * One redactor for every text aims-gate shows or writes (terminal, log, annotations, summary, PR
 * comment, card, report, MLflow tags). Pure: the entries collect the secrets (`collectSecrets`)
 * and wrap their writers with the function this returns.
 *
 * Two layers, because neither alone is enough:
 * - the known secrets, in every form they travel in (as written, percent-encoded and decoded,
 *   JSON-escaped, and the base64 `user:password` of a Basic header), so a server that echoes a
 *   header back, or a URI quoted in an error, cannot print them;
 * - shapes that are credentials whatever their value (`Authorization:`/`Cookie:` values,
 *   `Bearer …`/`Basic …`, URI user info, GitHub token prefixes), for secrets nobody told us about.
 */
import { splitUserInfo, userInfoSecrets } from './uri-userinfo.js'

export type Redactor = (text: string) => string

export const REDACTED = '***'

/** Secrets shorter than this would star out ordinary words and protect nothing. */
const MIN_SECRET_LENGTH = 3

const SHAPES: ReadonlyArray<[RegExp, string]> = [
  // Header lines or JSON fields: `Authorization: Bearer x`, `"cookie": "a=b"`, `Set-Cookie=…`.
  [
    /\b((?:proxy-)?authorization|(?:set-)?cookie|x-api-key|x-auth-token)(["']?\s*[:=]\s*["']?)[^"'\r\n]*/gi,
    `$1$2${REDACTED}`
  ],
  [/\bBearer\s+[A-Za-z0-9._~+/=-]{4,}/g, `Bearer ${REDACTED}`],
  // Base64 has a digit, `+`, `/`, `=` or a lower-to-upper case change somewhere, so ordinary
  // words ("Basic authentication") stay as they are.
  [/\bBasic\s+(?=[A-Za-z0-9+/]*(?:[0-9+/=]|[a-z][A-Z]))[A-Za-z0-9+/]{6,}={0,2}/g, `Basic ${REDACTED}`],
  // User info in any URI: scheme://user:password@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi, `$1${REDACTED}@`],
  // GitHub tokens (classic and fine-grained) by their documented prefixes.
  [/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, REDACTED]
]

/** Every form a secret may be echoed in. */
function variants(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])
  try {
    forms.add(decodeURIComponent(secret))
  } catch {
    // Not percent-encoded.
  }
  return [...forms]
}

export function createRedactor(secrets: Iterable<string | undefined>): Redactor {
  const known = new Set<string>()
  for (const secret of secrets) {
    const trimmed = secret?.trim()
    if (trimmed === undefined || trimmed.length < MIN_SECRET_LENGTH) continue
    for (const form of variants(trimmed)) if (form.length >= MIN_SECRET_LENGTH) known.add(form)
  }
  // Longest first, so a secret that contains another is replaced whole.
  const ordered = [...known].sort((a, b) => b.length - a.length)
  return (text: string): string => {
    let out = text
    for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(REDACTED)
    for (const [pattern, replacement] of SHAPES) out = out.replace(pattern, replacement)
    return out
  }
}

export type SecretEnv = Record<string, string | undefined>

/**
 * The credentials aims-gate may hold: MLflow's variables, the GitHub token (variable or action
 * input), the user info of every tracking URI given (`uris`: the option, the input, argv), and
 * the base64 `user:password` forms that go into Basic headers.
 */
export function collectSecrets(
  env: SecretEnv,
  uris: ReadonlyArray<string | undefined> = [],
  extra: ReadonlyArray<string | undefined> = []
): string[] {
  const found = new Set<string>()
  const add = (value: string | undefined): void => {
    const trimmed = value?.trim()
    if (trimmed !== undefined && trimmed.length >= MIN_SECRET_LENGTH) found.add(trimmed)
  }
  const basic = (user: string, password: string): void => {
    add(Buffer.from(`${user}:${password}`, 'utf8').toString('base64'))
  }
  for (const value of extra) add(value)
  add(env.MLFLOW_TRACKING_TOKEN)
  add(env.MLFLOW_TRACKING_PASSWORD)
  add(env.GITHUB_TOKEN)
  add(env['INPUT_GITHUB-TOKEN'])
  add(env.ACTIONS_RUNTIME_TOKEN)
  if (env.MLFLOW_TRACKING_PASSWORD) basic(env.MLFLOW_TRACKING_USERNAME ?? '', env.MLFLOW_TRACKING_PASSWORD)
  for (const uri of [...uris, env.MLFLOW_TRACKING_URI, env['INPUT_TRACKING-URI']]) {
    const userInfo = uri === undefined ? undefined : splitUserInfo(uri)?.userInfo
    if (userInfo === undefined || userInfo === '') continue
    for (const secret of userInfoSecrets(userInfo)) add(secret)
    const colon = userInfo.indexOf(':')
    const [user, password] = colon >= 0 ? [userInfo.slice(0, colon), userInfo.slice(colon + 1)] : [userInfo, '']
    basic(user, password)
    try {
      basic(decodeURIComponent(user), decodeURIComponent(password))
    } catch {
      // Not valid percent-encoding: the raw form is covered.
    }
  }
  return [...found]
}

/** Tracking URIs written on a command line (`--tracking-uri X`, `--tracking-uri=X`, or a bare URI). */
/**
 * Flags whose values are public identities, not credentials: a certificate identity such as
 * `https://github.com/o/r/.github/workflows/x.yml@refs/heads/main` has an `@` that would read as
 * user info, and starring it out would hide who signed.
 */
const PUBLIC_URI_FLAGS = new Set(['--certificate-identity', '--certificate-oidc-issuer'])

export function urisInArgv(argv: readonly string[]): string[] {
  return argv.flatMap((arg, index) => {
    const flag = arg.startsWith('--') && arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg
    if (PUBLIC_URI_FLAGS.has(flag) || PUBLIC_URI_FLAGS.has(argv[index - 1] ?? '')) return []
    const value = arg.startsWith('--') && arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : arg
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? [value] : []
  })
}
