#!/usr/bin/env bash
# The `docker compose` CLI plugin, for recording the docker-compose lab's walks: they are a student's own commands
# (`docker compose up -d`, `--scale`, `down`). labgrade itself never runs compose: it reads the hand-in's compose file
# and starts its services in the sandbox by itself.
# Leaves a working `docker compose` alone. Otherwise, as root: Debian's docker-compose package (2.x, a static Go
# binary), taken from the first suite that has it, extracted and put where the docker CLI looks for plugins
# (/usr/local/lib/docker/cli-plugins). Nothing else of the system is changed.
# Usage: compose-plugin.sh [cache dir (default /var/cache/labgrade-engines)] [suites (default "trixie sid")]
set -euo pipefail
cache="${1:-${LABGRADE_ENGINES_CACHE:-/var/cache/labgrade-engines}}/compose"
suites="${2:-trixie sid}"
mirror="${LABGRADE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
plugins=/usr/local/lib/docker/cli-plugins
log() { printf 'compose: %s\n' "$*" >&2; }

if version=$(docker compose version --short 2>/dev/null); then log "docker compose ${version} is already there"; exit 0; fi
[ "$(id -u)" = 0 ] || { log "cannot install it: run as root, or install Docker's compose plugin (docker-compose-plugin, or Docker Desktop)"; exit 1; }
command -v apt-get >/dev/null || { log "cannot install it: no apt-get here; install Docker's compose plugin (docker-compose-plugin)"; exit 1; }

for suite in $suites; do
  dir="$cache/$suite"
  mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" "$dir/debs" "$dir/root"
  printf 'deb %s %s main\n' "$mirror" "$suite" >"$dir/apt/sources.list"
  opts=(-o "Dir::Etc::sourcelist=$dir/apt/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$dir/apt/lists"
    -o "Dir::Cache=$dir/apt/cache" -o Dir::State::status=/var/lib/dpkg/status -o APT::Get::List-Cleanup=0)
  log "$suite: reading the package lists from $mirror"
  apt-get "${opts[@]}" update -qq || { log "$suite: no package lists"; continue; }
  (cd "$dir/debs" && apt-get "${opts[@]}" download docker-compose 2>&1 | grep -v '^Get:\|unsandboxed' >&2) || { log "$suite: no docker-compose"; continue; }
  deb=$(ls "$dir"/debs/docker-compose_*.deb 2>/dev/null | tail -1)
  [ -n "$deb" ] || continue
  dpkg-deb -x "$deb" "$dir/root"
  binary="$dir/root/usr/libexec/docker/cli-plugins/docker-compose"
  [ -x "$binary" ] || { log "$suite: $(basename "$deb") holds no CLI plugin"; continue; }
  install -D -m 0755 "$binary" "$plugins/docker-compose"
  log "installed $(docker compose version) from $(basename "$deb") into $plugins"
  exit 0
done
log "cannot install it: no suite of $mirror has docker-compose 2"
exit 1
