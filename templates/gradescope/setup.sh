#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder's image (Ubuntu, with a network).
# Gradescope's grading containers have no Docker engine, so labgrade grades there without one: this installs
# Node.js 20.19+, python3 with its venv module, util-linux (prlimit, unshare, setpriv: the app's bounds),
# labgrade's npm dependencies, and the wheel cache the app's `pip install numpy matplotlib` is served from.
# LABGRADE_AUTOGRADER_ROOT moves /autograder (tests); LABGRADE_SETUP_NO_SYSTEM=1 prints the system installs
# (apt, Node, npm) instead of running them, for a test in a fake /autograder.
set -euo pipefail
ROOT="${LABGRADE_AUTOGRADER_ROOT:-/autograder}"
SRC="$ROOT/source"
LABGRADE="$SRC/labgrade"
export LABGRADE_WHEELS="$SRC/wheels"
export DEBIAN_FRONTEND=noninteractive

system() { if [ -n "${LABGRADE_SETUP_NO_SYSTEM:-}" ]; then echo "+ $*"; else "$@"; fi; }
node_ok() { command -v node >/dev/null 2>&1 && node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) || (a === 20 && b >= 19) ? 0 : 1)'; }

system apt-get update
system apt-get install -y --no-install-recommends ca-certificates curl gnupg python3 python3-venv util-linux coreutils
if ! node_ok; then
  # Ubuntu's own nodejs is older than labgrade needs (12 on 22.04, 18 on 24.04): NodeSource's Node 20.
  system mkdir -p /etc/apt/keyrings
  system sh -c 'curl -fsSL https://deb.nodesource.com/gpgkey/nodesource-repo.gpg.key | gpg --dearmor --yes -o /etc/apt/keyrings/nodesource.gpg'
  system sh -c 'echo "deb [signed-by=/etc/apt/keyrings/nodesource.gpg] https://deb.nodesource.com/node_20.x nodistro main" > /etc/apt/sources.list.d/nodesource.list'
  system apt-get update
  system apt-get install -y nodejs
fi
cd "$LABGRADE"
system npm ci --omit=dev --no-audit --no-fund

# Wheels for this image's python: those shipped in the zip when they load here (they were made for the python
# they name), else PyPI's for this python, else Ubuntu's own python3-numpy and python3-matplotlib packed as
# wheels. `labgrade wheels` checks each in a fresh venv before keeping it.
labgrade() { node "$LABGRADE/bin/labgrade.js" "$@"; }
if [ -d "$SRC/wheels-shipped" ] && labgrade wheels --from folder --folder "$SRC/wheels-shipped" --force; then
  :
elif labgrade wheels --from registry --force; then
  :
else
  system apt-get install -y --no-install-recommends python3-numpy python3-matplotlib
  labgrade wheels --from system --force
fi
echo "labgrade is ready to grade without an engine (wheels in $LABGRADE_WHEELS)."
