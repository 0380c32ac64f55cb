// Three bundles from one source tree: the action (dist/index.js), the CLI (dist/cli.js) and the
// evaluation-data decode worker both start (dist/decode-worker.js, found beside them at run time).
// Each is a single ESM file (inlineDynamicImports) so `dist/` works copied on its own.
// Inlined lazily imported modules (hyparquet) are placed after the code that imports them, so
// no module may use a top-level await: a module body suspended on one leaves everything after
// it uninitialised when the lazy import resolves. `noTopLevelAwait` fails the build instead.
// onnxruntime-node stays external: its native binding is loaded by a computed path that no
// bundler can follow, so a pruned copy is vendored into dist/node_modules instead.
import commonjs from '@rollup/plugin-commonjs'
import json from '@rollup/plugin-json'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescript from '@rollup/plugin-typescript'

const external = ['onnxruntime-node']

const FUNCTION_NODES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'])

/** The first `await` (or `for await`) outside any function in a module's AST, if any. */
function topLevelAwait(node) {
  if (node === null || typeof node !== 'object') return undefined
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = topLevelAwait(child)
      if (found) return found
    }
    return undefined
  }
  if (FUNCTION_NODES.has(node.type)) return undefined
  if (node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await)) return node
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'type' && typeof child === 'object') {
      const found = topLevelAwait(child)
      if (found) return found
    }
  }
  return undefined
}

/** @returns {import('rollup').Plugin} */
function noTopLevelAwait() {
  return {
    name: 'no-top-level-await',
    moduleParsed(info) {
      const found = info.ast ? topLevelAwait(info.ast.body) : undefined
      if (found) {
        this.error(
          `${info.id} has a top-level await (offset ${found.start}); in a bundle with ` +
            `inlined dynamic imports it leaves lazily imported modules uninitialised. Call ` +
            `the async code without awaiting it at the top level.`
        )
      }
    }
  }
}
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
      json(),
      noTopLevelAwait()
    ],
    onwarn(warning, warn) {
      // Third-party CJS code trips these harmlessly; everything else is shown.
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return
      warn(warning)
    }
  }
}

// The CLI's bin (dist/cli.js) is a small guard that checks the Node.js version and only then
// imports the CLI proper (dist/cli-main.js, kept external so it stays a separate file beside it).
const CLI_MAIN = /[\\/]src[\\/]cli-main\.(js|ts)$/
function cliGuard() {
  const config = bundle('src/cli.ts', `${outDir}/cli.js`, '#!/usr/bin/env node')
  config.external = (id) => id === './cli-main.js' || CLI_MAIN.test(id) || external.includes(id)
  config.output.paths = (id) => (CLI_MAIN.test(id) ? './cli-main.js' : id)
  return config
}

export default [
  bundle('src/index.ts', `${outDir}/index.js`),
  bundle('src/cli-main.ts', `${outDir}/cli-main.js`),
  bundle('src/collect/recompute/decode-worker.ts', `${outDir}/decode-worker.js`),
  cliGuard()
]
