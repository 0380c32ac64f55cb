/**
 * The starter GitHub workflow: the action gates the version on every pull request against the
 * pull-request profile. Built with the `yaml` library; the model name is data, and one holding
 * `${{` is refused, because the runner would evaluate it as an expression in a `with:` value.
 */
import { Document } from 'yaml'
import { invalid } from '../../core/errors.js'

export interface WorkflowSettings {
  model: string
  target: { alias: string } | { version: string }
  policyPath: string
  cardSourcePath: string
}

const HEADER = [
  ' Written by aims-gate init. Set the repository variable MLFLOW_TRACKING_URI and, if your',
  ' server needs one, the secret MLFLOW_TRACKING_TOKEN; replace <owner> with the account that',
  ' publishes aims-gate. Make the gate job a required status check.'
].join('\n')

export function renderWorkflow(settings: WorkflowSettings): string {
  if (settings.model.includes('${{')) {
    throw invalid(
      'The model name holds "${{", which GitHub would evaluate in the workflow. ' +
        'Fix: register the model under a name without "${{", or write the workflow by hand.'
    )
  }
  const document = new Document(
    {
      name: 'aims-gate',
      on: { pull_request: null },
      permissions: { contents: 'read', 'pull-requests': 'write' },
      jobs: {
        gate: {
          'runs-on': 'ubuntu-latest',
          'timeout-minutes': 20,
          steps: [
            { uses: 'actions/checkout@v5' },
            {
              name: 'Gate the model version',
              id: 'gate',
              uses: '<owner>/aims-gate@v1',
              // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, written as text
              env: { MLFLOW_TRACKING_TOKEN: '${{ secrets.MLFLOW_TRACKING_TOKEN }}' },
              with: {
                // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, written as text
                'tracking-uri': '${{ vars.MLFLOW_TRACKING_URI }}',
                model: settings.model,
                ...settings.target,
                policy: settings.policyPath,
                profile: 'pull-request',
                'card-source': settings.cardSourcePath
              }
            }
          ]
        }
      }
    },
    { aliasDuplicateObjects: false }
  )
  document.commentBefore = HEADER
  return document.toString({ lineWidth: 0, nullStr: '' })
}
