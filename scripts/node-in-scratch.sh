#!/usr/bin/env bash
# `node "$@"` as run-node.sh runs it, with the temporary directory a fresh folder that is removed when it
# ends, however it ends: the tests make hundreds of scratch folders (and child processes make their own),
# which would otherwise pile up in the machine's temp directory run after run. Node's compile cache stays
# where it was, so it is still warm.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
outer="${TMPDIR:-/tmp}"
scratch="$(mktemp -d "$outer/hum-tests-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
export NODE_COMPILE_CACHE="${NODE_COMPILE_CACHE:-$outer/node-compile-cache}"
TMPDIR="$scratch" bash "$here/run-node.sh" "$@"
