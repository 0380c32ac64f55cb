#!/usr/bin/env bash
# Installs actionlint (rhysd/actionlint, the linter GitHub workflow authors use) into .tools/bin,
# where the workflow tests look for it. Go builds it from source; idempotent per pinned version.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="v1.7.12"
bin="$root/.tools/bin"
if [ -x "$bin/actionlint" ] && "$bin/actionlint" --version 2>/dev/null | head -n1 | grep -qx "$version"; then
  echo "actionlint: $version is installed"
  exit 0
fi
# Go where PATH has it, else where its installers put it (a CI shell may not have it on PATH).
go="$(command -v go || true)"
for candidate in /usr/local/go/bin/go "$HOME/go/bin/go" /usr/lib/go/bin/go; do
  if [ -z "$go" ] && [ -x "$candidate" ]; then go="$candidate"; fi
done
if [ -z "$go" ]; then
  echo "actionlint: Go is not installed; the workflow tests need it (https://go.dev/dl/)" >&2
  exit 1
fi
echo "actionlint: building $version with $go install"
mkdir -p "$bin"
GOBIN="$bin" "$go" install "github.com/rhysd/actionlint/cmd/actionlint@$version"
