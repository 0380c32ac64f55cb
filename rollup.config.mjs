// Two bundles from one source tree: the action (dist/index.js) and the CLI (dist/cli.js).
// Each is a single ESM file (inlineDynamicImports) so `dist/` works copied on its own.
// onnxruntime-node stays external: its native binding is loaded by a computed path that no
// bundler can follow, so a pruned copy is vendored into dist/node_modules instead.
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'


const external = ['onnxruntime-node']
// scripts/check-dist.mjs builds into a scratch folder to compare with the committed dist/.
const outDir = process.env.AIMS_GATE_DIST_DIR ?? 'dist'

/** @returns {import('rollup').RollupOptions} */
function bundle(input, file, banner) {
  return {
    input,
    external,
    output: {
      file,
      format: 'es',
      esModule: true,
      sourcemap: false,
      inlineDynamicImports: true,
      ...(banner ? { banner } : {})
    },
    plugins: [
      typescript({ tsconfig: './tsconfig.build.json' }),
      nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
      commonjs(),
      json()
    ],
    onwarn(warning, warn) {
      // Third-party CJS code trips these harmlessly; everything else is shown.
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return
      warn(warning)
    }
  }
}

export default [
  bundle('src/index.ts', `${outDir}/index.js`),
  bundle('src/cli.ts', `${outDir}/cli.js`, '#!/usr/bin/env node')
]
