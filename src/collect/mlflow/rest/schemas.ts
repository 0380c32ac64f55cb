/**
 * zod schemas for the MLflow REST answers aims-gate reads (2.x and 3.x). MLflow omits unset fields
 * and empty arrays, so every array defaults to [] and every field but the identity is optional;
 * doubles may arrive as "NaN"/"Infinity"/"-Infinity" strings. Unknown fields are ignored.
 */
import { z } from 'zod'

const list = <T extends z.ZodType>(item: T) => z.array(item).default([])

/** A double as MLflow serialises it: a number, or a string for non-finite values. */
export const mlflowNumber = z
  .union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])])
  .transform((value) => (typeof value === 'number' ? value : Number(value)))

const tag = z.object({ key: z.string(), value: z.string().default('') })
export const tagList = list(tag)

export const modelVersionSchema = z.object({
  name: z.string(),
  version: z.string(),
  creation_timestamp: z.number().optional(),
  last_updated_timestamp: z.number().optional(),
  user_id: z.string().optional(),
  current_stage: z.string().optional(),
  description: z.string().optional(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  status: z.string().optional(),
  run_link: z.string().optional(),
  tags: tagList,
  aliases: list(z.string())
})
export type ModelVersionJson = z.output<typeof modelVersionSchema>

export const registeredModelSchema = z.object({
  name: z.string(),
  creation_timestamp: z.number().optional(),
  last_updated_timestamp: z.number().optional(),
  description: z.string().optional(),
  tags: tagList,
  aliases: list(z.object({ alias: z.string(), version: z.string() }))
})
export type RegisteredModelJson = z.output<typeof registeredModelSchema>

export const getRegisteredModelResponse = z.object({ registered_model: registeredModelSchema })
export const getModelVersionResponse = z.object({ model_version: modelVersionSchema })
export const searchModelVersionsResponse = z.object({
  model_versions: list(modelVersionSchema),
  next_page_token: z.string().optional()
})

export const metricSchema = z.object({
  key: z.string(),
  value: mlflowNumber,
  timestamp: z.number().default(0),
  step: z.number().default(0),
  dataset_name: z.string().optional(),
  dataset_digest: z.string().optional(),
  model_id: z.string().optional(),
  run_id: z.string().optional()
})
export type MetricJson = z.output<typeof metricSchema>

const datasetInputSchema = z.object({
  tags: tagList,
  dataset: z.object({
    name: z.string().default(''),
    digest: z.string().default(''),
    source_type: z.string().default(''),
    source: z.string().default(''),
    schema: z.string().optional(),
    profile: z.string().optional()
  })
})

export const runSchema = z.object({
  info: z.object({
    run_id: z.string().optional(),
    run_uuid: z.string().optional(),
    run_name: z.string().optional(),
    experiment_id: z.string().default(''),
    user_id: z.string().optional(),
    status: z.string().default('UNKNOWN'),
    start_time: z.number().default(0),
    end_time: z.number().optional(),
    artifact_uri: z.string().default(''),
    lifecycle_stage: z.string().optional()
  }),
  data: z
    .object({ metrics: list(metricSchema), params: tagList, tags: tagList })
    .default({ metrics: [], params: [], tags: [] }),
  inputs: z
    .object({ dataset_inputs: list(datasetInputSchema), model_inputs: list(z.object({ model_id: z.string() })) })
    .default({ dataset_inputs: [], model_inputs: [] }),
  outputs: z
    .object({ model_outputs: list(z.object({ model_id: z.string(), step: z.number().optional() })) })
    .default({ model_outputs: [] })
})
export type RunJson = z.output<typeof runSchema>
export const getRunResponse = z.object({ run: runSchema })

export const loggedModelSchema = z.object({
  info: z.object({
    model_id: z.string(),
    experiment_id: z.string().default(''),
    name: z.string().default(''),
    artifact_uri: z.string().default(''),
    status: z.string().optional(),
    source_run_id: z.string().optional(),
    tags: tagList
  }),
  data: z.object({ params: tagList, metrics: list(metricSchema) }).default({ params: [], metrics: [] })
})
export const getLoggedModelResponse = z.object({ model: loggedModelSchema })

const fileInfo = z.object({ path: z.string(), is_dir: z.boolean().default(false), file_size: z.number().optional() })
export type FileInfoJson = z.output<typeof fileInfo>

/** `artifacts/list` (run-relative paths) and the proxy list (basenames) share this shape. */
export const listArtifactsResponse = z.object({
  root_uri: z.string().optional(),
  files: list(fileInfo),
  next_page_token: z.string().optional()
})

export const metricHistoryResponse = z.object({
  metrics: list(metricSchema),
  next_page_token: z.string().optional()
})

/** Write calls answer `{}`; anything else is ignored. */
export const emptyResponse = z.object({}).loose()
