/**
 * The policy's top-level `evaluation:` block: which data the gate runs the model on for
 * `source: recomputed | reconciled` metrics and fairness requirements, and how to read it.
 *
 *   evaluation:
 *     data: { artifact: eval/evaluation.csv }   # or { path: data/eval.parquet } or { datasetInput: eval }
 *     label: income_gt_50k
 *     positiveClass: 1
 *     task: binary
 *     features: [age, income]    # optional: the model's input columns, in order
 *     ignore: [row_id]           # optional: columns that are not features
 *
 * One block for the whole policy (not per requirement): every recomputed number of a run comes
 * from the same single pass over the same file, so the numbers can be compared with each other.
 */
import { z } from 'zod'

const relativeArtifact = z
  .string()
  .min(1)
  .refine((path) => !path.startsWith('/') && !path.split('/').includes('..'), {
    error: 'must be relative to the run\'s artifact root, without ".."; fix: write e.g. artifact: eval/evaluation.csv'
  })

// One object with three optional keys (not a union) so a mistake gets a message naming the keys,
// not zod's generic "Invalid input" for a union that matched no member.
const DATA_KEYS = ['artifact', 'path', 'datasetInput'] as const

export const evaluationDataSchema = z
  .strictObject({
    artifact: relativeArtifact.optional().describe("Path of the evaluation file among the candidate run's artifacts."),
    path: z.string().min(1).optional().describe('Evaluation file (CSV or Parquet), relative to the working directory.'),
    datasetInput: z
      .string()
      .min(1)
      .optional()
      .describe("Name of the run's dataset input (mlflow.log_input) whose source is the evaluation file.")
  })
  .superRefine((data, ctx) => {
    const given = DATA_KEYS.filter((key) => data[key] !== undefined)
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          `${given.length === 0 ? 'names no source' : `names ${given.length} sources (${given.join(', ')})`}` +
          `; fix: give exactly one of artifact, path or datasetInput, e.g. data: { artifact: eval/evaluation.csv }`
      })
    }
  })
  .describe(
    'Where the evaluation data comes from: exactly one of artifact, path or ' +
      "datasetInput. Absent: the run's dataset input logged with context " +
      '"evaluation". --eval-data overrides it.'
  )

const columnList = z
  .array(z.string().min(1, { error: 'is an empty column name; fix: name a column of the evaluation data' }))
  .min(1, { error: 'is empty; fix: list at least one column, or remove the key' })
  .superRefine((names, ctx) => {
    const twice = names.filter((n, i) => names.indexOf(n) !== i)
    if (twice.length > 0)
      ctx.addIssue({
        code: 'custom',
        message: `lists ${[...new Set(twice)].join(', ')} twice; fix: list each column once`
      })
  })

export const evaluationSchema = z
  .strictObject({
    data: evaluationDataSchema.optional(),
    label: z
      .string()
      .min(1, { error: 'is empty; fix: name the column holding the true class, e.g. label: income_gt_50k' })
      .describe('Column holding the true class (or the regression target).'),
    positiveClass: z
      .union([z.string().min(1), z.number()])
      .optional()
      .describe(
        'Binary task: the class counted as positive. Absent: the last class in sorted order, as mlflow.evaluate does.'
      ),
    task: z
      .enum(['binary', 'multiclass', 'regression'], {
        error: 'must be binary, multiclass or regression; fix: e.g. task: binary'
      })
      .describe('What the model predicts; decides the metrics computed (mlflow.evaluate names).'),
    weightColumn: z.string().min(1).optional().describe('Column of sample weights, when the metrics are weighted.'),
    features: columnList
      .optional()
      .describe(
        "The model's input columns, in the order the model takes them, when its " +
          'signature names none. Absent: every column except the label, the weight column, ' +
          "the sensitive features and `ignore`. A signature's names win."
      ),
    ignore: columnList
      .optional()
      .describe('Columns of the evaluation data that are not model inputs (ids, timestamps, other targets).'),
    output: z
      .strictObject({
        kind: z
          .enum(['probability', 'logits'], {
            error: 'must be probability or logits; fix: e.g. output: { kind: probability }'
          })
          .describe(
            "probability: one sigmoid output per row, the positive class's probability ([N] or [N, 1]); " +
              'logits: two logits per row, classes 0 and 1 ([N, 2]).'
          ),
        name: z.string().min(1).optional().describe('The graph output to read, when it has several float outputs.')
      })
      .optional()
      .describe(
        'Binary task, a model whose graph returns one score tensor and no labels (torch.onnx.export): ' +
          'what that tensor holds. The label column holds 0 and 1, 1 the positive class.'
      ),
    batchSize: z
      .number()
      .int({ error: 'must be a whole number of rows; fix: e.g. batchSize: 65536' })
      .min(1)
      .max(10_000_000)
      .optional()
      .describe('Rows per inference batch (default 65536); lower it when memory is tight.')
  })
  .superRefine((block, ctx) => {
    if (block.positiveClass !== undefined && block.task !== 'binary') {
      ctx.addIssue({
        code: 'custom',
        message: 'positiveClass applies only to task: binary; fix: remove it or set task: binary',
        path: ['positiveClass']
      })
    }
    if (block.output !== undefined && block.task !== 'binary') {
      ctx.addIssue({
        code: 'custom',
        message: 'output applies only to task: binary; fix: remove it or set task: binary',
        path: ['output']
      })
    }
    if (block.features !== undefined && block.ignore !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message:
          'features and ignore both choose the model inputs; fix: keep one (features ' +
          'lists the inputs, ignore the other columns)',
        path: ['ignore']
      })
    }
    if (block.weightColumn !== undefined && block.weightColumn === block.label) {
      ctx.addIssue({
        code: 'custom',
        message: 'weightColumn names the label column; fix: name the column of sample weights',
        path: ['weightColumn']
      })
    }
  })
  .describe(
    'The evaluation data the gate runs the model on, for recomputed/reconciled metrics and fairness requirements.'
  )

export type EvaluationSettings = z.output<typeof evaluationSchema>
export type EvaluationData = z.output<typeof evaluationDataSchema>
