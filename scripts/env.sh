# Sourced by setup.sh and test.sh: put a Node.js >= 22.18 first on PATH (installing Node 24 from the
# npm registry into .tools/ when the machine's is older) and install the locked dependencies.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 18) ? 0 : 1)'
}

if ! node_ok; then
  tools="$root/.tools"
  if [ ! -x "$tools/node_modules/.bin/node" ]; then
    echo "hum: installing Node.js 24 into .tools/ (the machine's Node is $(node --version 2>/dev/null || echo missing))" >&2
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-audit --no-fund --loglevel=error node@24 >&2
  fi
  export PATH="$tools/node_modules/.bin:$PATH"
  node_ok || { echo "hum: could not provide Node.js >= 22.18" >&2; exit 1; }
fi

if [ ! -d "$root/node_modules" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi

# JavaScript built from the sources for a faster start (bin/hum.js runs it only while it matches them).
(cd "$root" && node scripts/build.ts --if-stale) >&2 ||
  echo "hum: could not build the CLI (scripts/build.ts); hum runs from the .ts sources" >&2
