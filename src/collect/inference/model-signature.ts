/** The MLflow model signature's inputs, as the input planner reads them (signature-inputs.ts). */
export interface SignatureColumn {
  name: string
  type: string
}

export type ModelSignature =
  | { kind: 'columns'; columns: SignatureColumn[] }
  | { kind: 'tensor'; dtype: string; shape: number[] }
  | { kind: 'none' }
