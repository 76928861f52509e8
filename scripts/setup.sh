#!/usr/bin/env bash
# `npm run setup`: everything `npx labgrade grade` needs on this machine, each stage only when it is missing.
#   1. a Docker engine that answers (scripts/bootstrap-engine.sh: it leaves an answering engine alone);
#   2. the offline image tools (mmdebstrap, gcc), only when no registry answers and a lab image must be built here;
#   3. npm ci, when node_modules is missing or older than package-lock.json;
#   4. the lab images (`labgrade images`: it leaves present images alone);
#   5. with --no-engine, or when no engine can be had: the wheel cache that grading without an engine installs
#      a Dockerfile's pip packages from (`labgrade wheels`, with Debian's python3-numpy/-matplotlib/-venv when
#      it must build it from the system's packages and may install them).
# Plain bash, so it runs before `npm ci`. It says what it did at each stage, and stops with the reason when it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."

no_engine=0
for arg in "$@"; do
  case "$arg" in
    --no-engine) no_engine=1 ;;
    *) printf 'setup: unknown option %s (known: --no-engine)\n' "$arg" >&2; exit 2 ;;
  esac
done

registry_url="${LABGRADE_REGISTRY_URL:-https://registry-1.docker.io/v2/}"
registry_timeout_ms="${LABGRADE_REGISTRY_TIMEOUT_MS:-5000}"

log() { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: cannot go on: %s\n' "$*" >&2; exit 1; }

stage() {
  local name=$1; shift
  local start=$SECONDS
  log "${name}…"
  "$@"
  log "${name}: done in $((SECONDS - start))s"
}

engine() {
  if bash scripts/bootstrap-engine.sh; then return; fi
  log "no Docker engine answers (bootstrap-engine said why above): preparing grading without an engine instead. To grade with one: start Docker (sudo systemctl start docker, or Docker Desktop), or run \`npm run setup\` as root on Debian or Ubuntu to install one, then run it again."
  no_engine=1
}

offline_forced() {
  [ "${LABGRADE_OFFLINE:-}" = 1 ] || [ "${LABGRADE_OFFLINE:-}" = true ]
}

# Any HTTP answer counts, as in src/images/registry.ts (Docker Hub says 401 to anonymous /v2/).
registry_answers() {
  if offline_forced; then return 1; fi
  node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(Number(process.argv[2])) }).then(() => process.exit(0), () => process.exit(1))' \
    "$registry_url" "$registry_timeout_ms"
}

# A lab image is there when it is tagged, or when labgrade keeps its private copy (grading re-tags it in seconds).
image_present() {
  docker image inspect "$1" >/dev/null 2>&1 || docker image inspect "$2" >/dev/null 2>&1
}

# The offline hello-world is a static binary: a compiler alone is not enough without the static C library.
static_cc_works() {
  local cc out
  cc=$(command -v gcc || command -v cc) || return 1
  out=$(mktemp)
  if printf 'int main(void) { return 0; }\n' | "$cc" -static -x c -o "$out" - >/dev/null 2>&1; then rm -f "$out"; return 0; fi
  rm -f "$out"
  return 1
}

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "$@" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$@" >/dev/null; }
}

offline_tools() {
  if registry_answers; then
    log "a registry answers (${registry_url}): the lab images will be pulled; no offline tools needed"
    return
  fi
  local why="no registry answers"
  if offline_forced; then why="LABGRADE_OFFLINE is set"; fi
  local wanted=() ready=()
  if image_present python:latest labgrade/lab-python:latest; then ready+=("python is on the engine")
  elif command -v mmdebstrap >/dev/null 2>&1; then ready+=("mmdebstrap is installed")
  else wanted+=(mmdebstrap); fi
  if image_present hello-world:latest labgrade/lab-hello-world:latest; then ready+=("hello-world is on the engine")
  elif static_cc_works; then ready+=("gcc builds static binaries")
  else wanted+=(gcc libc6-dev); fi
  local said
  said=$(printf '%s, ' "${ready[@]}")
  if [ ${#wanted[@]} -eq 0 ]; then
    log "${why}, and nothing is missing to build the lab images here: ${said%, }"
    return
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    fail "${why}, so the lab images must be built here, and that needs ${wanted[*]}; this is not Debian or Ubuntu. Install them with this system's package manager, or connect to the internet, then run \`npm run setup\` again."
  fi
  if [ "$(id -u)" != 0 ]; then
    fail "${why}, so the lab images must be built here, and that needs ${wanted[*]}. Install them: \`sudo apt-get install ${wanted[*]}\`, then run \`npm run setup\` again."
  fi
  log "${why}: installing ${wanted[*]} with apt-get, to build the lab images here"
  apt_install "${wanted[@]}"
  log "installed ${wanted[*]}"
}

# npm writes node_modules/.package-lock.json at every install: older than package-lock.json means stale.
dependencies() {
  if [ ! -f node_modules/.package-lock.json ]; then
    log "node_modules is missing: npm ci"
  elif [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "package-lock.json is newer than node_modules: npm ci"
  else
    log "node_modules is up to date with package-lock.json"
    return
  fi
  npm ci --no-audit --no-fund
}

images() {
  node bin/labgrade.js images
}

python_has_lab_packages() {
  # The python grading without an engine uses (runners/local/python-interpreter.ts: defaultPython).
  local py="${LABGRADE_PYTHON:-}"
  if [ -z "$py" ]; then if [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; else py=python3; fi; fi
  "$py" -c 'import numpy, matplotlib, venv, ensurepip' >/dev/null 2>&1
}

# `labgrade wheels` copies the offline image's wheels whenever an engine answers, --no-engine or not.
engine_has_offline_python() {
  command -v docker >/dev/null 2>&1 && timeout 20 docker image inspect labgrade/lab-python:latest >/dev/null 2>&1
}

# The wheel cache comes from the offline python image when an engine has it, else from this system's numpy and
# matplotlib (Debian's packages), else from a package index: `labgrade wheels` tries them in that order.
wheel_cache() {
  if ! engine_has_offline_python && ! python_has_lab_packages && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    log "no engine holds the offline python image, and python3 lacks numpy, matplotlib or venv: installing Debian's"
    apt_install python3-venv python3-numpy python3-matplotlib
  fi
  node bin/labgrade.js wheels || fail "the wheel cache could not be made (\`labgrade wheels\` said why above)."
}

command -v node >/dev/null 2>&1 || fail "node is not installed: install Node.js 20.19+ (or 22.12+), then run \`npm run setup\` again."
if [ "$no_engine" = 0 ]; then stage "engine" engine; else log "engine: skipped (--no-engine)"; fi
if [ "$no_engine" = 0 ]; then stage "offline image tools" offline_tools; fi
stage "dependencies" dependencies
if [ "$no_engine" = 0 ]; then stage "lab images" images; fi
if [ "$no_engine" = 1 ]; then
  stage "wheel cache (grading without an engine)" wheel_cache
  log "ready: \`npx labgrade grade --no-engine\` grades the bundled reference without an engine"
  exit 0
fi
log "ready: \`npx labgrade grade\` grades the bundled reference, \`npm test\` runs the tests"
