import { describe, expect, it } from 'vitest'
import { refusal } from '../../support/gate-refusal.js'
import {
  getOptionalBooleanInput,
  getOptionalInput,
  inputVariable,
  readActionInputs
} from '../../../src/options/action-inputs.js'
import { secretsToMask } from '../../../src/entry/action/secrets.js'

/** The runner's environment for these inputs (every declared input is set; "" when not given). */
function runnerEnv(inputs: Record<string, string>): Record<string, string> {
  const declared = [
    'tracking-uri',
    'model',
    'version',
    'alias',
    'policy',
    'profile',
    'card-source',
    'card-dir',
    'card-template',
    'report',
    'artifacts-destination',
    'github-token',
    'comment',
    'write-back',
    'timeout',
    'deadline',
    'policy-ref'
  ]
  return Object.fromEntries(declared.map((name) => [inputVariable(name), inputs[name] ?? '']))
}

describe('action inputs', () => {
  it('names variables as the runner does: upper case, hyphens kept, spaces as _', () => {
    expect(inputVariable('tracking-uri')).toBe('INPUT_TRACKING-URI')
    expect(inputVariable('card dir')).toBe('INPUT_CARD_DIR')
  })

  it('treats unset, empty and blank inputs alike as not given, and trims values', () => {
    expect(getOptionalInput({}, 'model')).toBeUndefined()
    expect(getOptionalInput({ INPUT_MODEL: '' }, 'model')).toBeUndefined()
    expect(getOptionalInput({ INPUT_MODEL: '  \n' }, 'model')).toBeUndefined()
    expect(getOptionalInput({ INPUT_MODEL: ' credit-risk ' }, 'model')).toBe('credit-risk')
  })

  it('reads booleans in the YAML spellings and refuses anything else', () => {
    expect(getOptionalBooleanInput({ INPUT_COMMENT: 'TRUE' }, 'comment')).toBe(true)
    expect(getOptionalBooleanInput({ INPUT_COMMENT: 'False' }, 'comment')).toBe(false)
    expect(getOptionalBooleanInput({ INPUT_COMMENT: '' }, 'comment')).toBeUndefined()
    const error = refusal(() => getOptionalBooleanInput({ INPUT_COMMENT: 'yes' }, 'comment'))
    expect(error.exitCode).toBe(2)
    expect(error.message).toBe(
      `input "comment" is "yes", which is not a boolean; fix: write 'comment: true' or 'comment: false'`
    )
  })

  it('maps every input to the gate options, leaving the not-given ones out', () => {
    const inputs = readActionInputs(
      runnerEnv({
        model: 'credit-risk',
        alias: 'challenger',
        'tracking-uri': 'http://mlflow:5000',
        policy: 'policies/credit-risk.yml',
        profile: 'production',
        'card-source': 'model-cards/credit-risk.md',
        'card-dir': 'out',
        'card-template': 'card.hbs',
        report: 'out/verdict.json',
        'artifacts-destination': 'mlartifacts',
        'github-token': 'ghs_abc',
        comment: 'false',
        'write-back': 'true',
        timeout: '45',
        'policy-ref': 'head'
      })
    )
    expect(inputs).toEqual({
      options: {
        model: 'credit-risk',
        alias: 'challenger',
        trackingUri: 'http://mlflow:5000',
        policyPath: 'policies/credit-risk.yml',
        profile: 'production',
        cardSourcePath: 'model-cards/credit-risk.md',
        cardDir: 'out',
        cardTemplatePath: 'card.hbs',
        reportPath: 'out/verdict.json',
        artifactsDestination: 'mlartifacts',
        timeoutSeconds: 45,
        deadlineSeconds: 600,
        writeBack: true
      },
      githubToken: 'ghs_abc',
      comment: false,
      policyRef: 'head'
    })
    expect(inputs.options).toMatchObject({ model: 'credit-risk', timeoutSeconds: 45, writeBack: true })
  })

  // The timeout is read once, here: no input = MLFLOW_HTTP_REQUEST_TIMEOUT, else 30 s (a default in
  // action.yml would mask the variable, so it has none; see test/unit/options/action-yml.test.ts).
  it(
    'defaults like the CLI: no profile = the policy default, comment on, write-back ' +
      'off, timeout from the environment',
    () => {
      const inputs = readActionInputs(runnerEnv({ model: 'credit-risk', version: '3' }))
      const defaults = {
        model: 'credit-risk',
        version: '3',
        writeBack: false,
        timeoutSeconds: 30,
        deadlineSeconds: 600
      }
      expect(inputs).toEqual({ options: defaults, comment: true, policyRef: 'base' })
      const env = { ...runnerEnv({ model: 'credit-risk', version: '3' }), MLFLOW_HTTP_REQUEST_TIMEOUT: '12' }
      const fromEnv = readActionInputs(env)
      expect(fromEnv.options).toEqual({ ...defaults, timeoutSeconds: 12 })
    }
  )

  it('reads the deadline input as seconds and refuses a non-number', () => {
    const inputs = readActionInputs(runnerEnv({ model: 'm', alias: 'a', deadline: '90' }))
    expect(inputs.options).toMatchObject({ deadlineSeconds: 90 })
    expect(refusal(() => readActionInputs(runnerEnv({ model: 'm', deadline: 'later' }))).message).toBe(
      'input "deadline" is "later", which is not a number of seconds; fix: e.g. deadline: 600'
    )
  })

  it('refuses a policy-ref other than base or head, naming both', () => {
    for (const value of ['HEAD', 'main', 'bases', 'head ; rm -rf']) {
      expect(refusal(() => readActionInputs(runnerEnv({ model: 'm', 'policy-ref': value }))).message).toMatch(
        /^input "policy-ref" is ".*"; fix: write 'policy-ref: base' .* or 'policy-ref: head'$/
      )
    }
  })

  it('names the input and the fix when a value is unusable', () => {
    expect(refusal(() => readActionInputs(runnerEnv({}))).message).toMatch(
      /^input "model" is required; fix: add `model:/
    )
    expect(refusal(() => readActionInputs(runnerEnv({ model: 'm', timeout: 'soon' }))).message).toBe(
      'input "timeout" is "soon", which is not a number of seconds; fix: e.g. timeout: 30'
    )
    const bad = () => readActionInputs(runnerEnv({ model: 'm', version: 'latest' }))
    expect(refusal(bad).message).toBe('input "version": a version is a whole number such as 3.')
    const slow = () => readActionInputs(runnerEnv({ model: 'm', alias: 'a', timeout: '-1' }))
    expect(refusal(slow).message).toMatch(/^input "timeout": /)
  })
})

describe('secrets to mask', () => {
  it('masks the token, MLflow credentials and a password written into a tracking URI', () => {
    const secrets = secretsToMask({
      'INPUT_GITHUB-TOKEN': 'ghs_token123',
      MLFLOW_TRACKING_PASSWORD: 'pw-secret',
      MLFLOW_TRACKING_TOKEN: 'mlflow-token',
      'INPUT_TRACKING-URI': 'https://ci:p%40ss%2Fword@mlflow.example.com/',
      MLFLOW_TRACKING_URI: 'https://tokenonly@mlflow.example.com'
    })
    // Also the user info whole and the base64 `user:password` a Basic header carries.
    const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')
    expect(secrets.sort()).toEqual(
      [
        'ghs_token123',
        'mlflow-token',
        'p%40ss%2Fword',
        'p@ss/word',
        'pw-secret',
        'tokenonly',
        'ci:p%40ss%2Fword',
        'ci:p@ss/word',
        b64(':pw-secret'),
        b64('ci:p%40ss%2Fword'),
        b64('ci:p@ss/word'),
        b64('tokenonly:')
      ].sort()
    )
  })
  it('finds nothing to mask in a plain setup', () => {
    expect(secretsToMask({ 'INPUT_TRACKING-URI': 'http://127.0.0.1:5000', 'INPUT_GITHUB-TOKEN': '' })).toEqual([])
  })
})
