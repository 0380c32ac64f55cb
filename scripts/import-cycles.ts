/**
 * Finds import cycles among the TypeScript modules below a folder. Every kind of import counts
 * (`import type` too, re-exports, dynamic `import()`): a type-only cycle still means two modules
 * cannot be understood, or moved, one without the other. Only relative specifiers are followed;
 * packages and `node:` modules cannot be part of a cycle in the source.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : []
  })
}

/** `./x.js` names the module `./x.ts` (NodeNext resolution); other relative names are left as they are. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined
  const target = path.resolve(path.dirname(from), specifier)
  return target.endsWith('.js') ? `${target.slice(0, -3)}.ts` : target
}

export function importGraph(root: string): Map<string, string[]> {
  const files = sourceFiles(root)
  const known = new Set(files)
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets = importedFiles
      .map((entry) => resolveImport(file, entry.fileName))
      .filter((target): target is string => target !== undefined && known.has(target))
    graph.set(file, [...new Set(targets)])
  }
  return graph
}

/** Each cycle once, as the modules along it (relative to `root`), the first repeated at the end. */
export function importCycles(root: string): string[][] {
  const graph = importGraph(root)
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const cycles: string[][] = []
  const visit = (file: string): void => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next])
      else if (state.get(next) === undefined) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of [...graph.keys()].sort()) if (state.get(file) === undefined) visit(file)
  return cycles.map((cycle) => cycle.map((file) => path.relative(root, file).split(path.sep).join('/')))
}
