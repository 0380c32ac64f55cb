import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    pool: 'forks',
    // Two cores: more workers only fight over CPU with the MLflow servers.
    maxWorkers: 2,
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          // Node alone: passes after `npm ci`, with no Python venv, browser or server.
          name: 'unit',
          // One module graph per worker instead of per file: half the CPU time on two cores. A unit
          // test therefore leaves no module state behind (vi.doMock is undone, nock is cleaned).
          isolate: false,
          include: ['test/unit/**/*.test.ts']
        }
      },
      {
        extends: true,
        test: {
          // Node alone as well, but each test starts the bundled dist/cli.js or dist/index.js as a
          // process (what users run): slower, so kept out of the quick unit project.
          name: 'dist',
          include: ['test/dist/**/*.test.ts']
        }
      },
      {
        extends: true,
        test: {
          // Compares with third-party oracles: scikit-learn, fairlearn, MLflow, cmark-gfm, jsonschema and
          // huggingface_hub from `.venvs` (`npm run python-envs`), and Chromium (`scripts/browser.sh`).
          name: 'oracle',
          include: ['test/oracle/**/*.test.ts']
        }
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // Starts a real MLflow 2.x and 3.x server, seeds both, stops them at teardown.
          // Runs only when this project has test files to run, so `--project unit` starts nothing.
          globalSetup: ['test/support/global-setup.ts'],
          // Starting and seeding both stores takes about a minute on two shared cores.
          hookTimeout: 600_000,
          testTimeout: 120_000,
          // One file at a time: the servers already use the spare core.
          fileParallelism: false
        }
      }
    ]
  }
})
