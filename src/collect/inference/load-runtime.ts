/**
 * Loads onnxruntime-node only when a recompute needs it: the native binary is large and exists
 * only for some platforms, and a gate that asks for no recompute must not pay for it or fail on it.
 */
import type * as Ort from 'onnxruntime-node'

export type OnnxRuntime = typeof Ort

export type RuntimeLoad = { ok: true; runtime: OnnxRuntime } | { ok: false; detail: string }

/** Platforms onnxruntime-node ships CPU binaries for (and that the packaged action vendors). */
const SUPPORTED = new Set(['linux-x64', 'linux-arm64'])

const unsupported = (why: string): string =>
  `Recomputing metrics needs onnxruntime-node, ${why}; run the gate on a Linux ` +
  `runner (\`runs-on: ubuntu-latest\` or \`runs-on: ubuntu-24.04-arm\`), or use ` +
  `\`source: logged\` for this requirement.`

export async function loadOnnxRuntime(
  platform: string = process.platform,
  arch: string = process.arch,
  importer: () => Promise<unknown> = () => import('onnxruntime-node')
): Promise<RuntimeLoad> {
  if (!SUPPORTED.has(`${platform}-${arch}`)) {
    return { ok: false, detail: unsupported(`which has no binary for ${platform}-${arch} in this action`) }
  }
  try {
    const loaded = (await importer()) as OnnxRuntime & { default?: OnnxRuntime }
    const runtime = loaded.InferenceSession === undefined && loaded.default !== undefined ? loaded.default : loaded
    if (runtime.InferenceSession === undefined)
      return { ok: false, detail: unsupported('which loaded without an InferenceSession') }
    return { ok: true, runtime }
  } catch (error) {
    return {
      ok: false,
      detail: unsupported(`which failed to load on ${platform}-${arch} (${(error as Error).message.split('\n')[0]})`)
    }
  }
}
