#!/usr/bin/env bash
# Makes sure a Docker engine answers on this Linux machine.
# It never touches an engine that already answers. When none does and we run as root on Debian,
# it installs docker.io from Debian's packages, starts dockerd in the background and waits for /_ping.
set -euo pipefail

wait_seconds="${LABGRADE_ENGINE_WAIT:-60}"
log() { printf 'bootstrap-engine: %s\n' "$*"; }

engine_answers() {
  if command -v docker >/dev/null 2>&1; then
    docker version --format '{{.Server.Version}}' >/dev/null 2>&1 && return 0
  fi
  local sock="${DOCKER_HOST:-unix:///var/run/docker.sock}"
  case "$sock" in
    unix://*) curl -fsS --max-time 3 --unix-socket "${sock#unix://}" http://localhost/_ping >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}

if engine_answers; then
  log "an engine already answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo 'version unknown')); leaving it alone"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  log "no Docker engine answers and this is not root: start Docker yourself (sudo systemctl start docker, or Docker Desktop)"
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  log "no Docker engine answers and this is not a Debian-like system: install Docker Engine (https://docs.docker.com/engine/install/)"
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1; then
  log "installing docker.io from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq docker.io >/dev/null
fi

log "starting dockerd in the background (log: /var/log/labgrade-dockerd.log)"
nohup dockerd >/var/log/labgrade-dockerd.log 2>&1 &
for _ in $(seq 1 "$wait_seconds"); do
  if curl -fsS --max-time 2 --unix-socket /var/run/docker.sock http://localhost/_ping >/dev/null 2>&1; then
    log "engine answers after starting dockerd: $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo 'version unknown')"
    exit 0
  fi
  sleep 1
done
log "dockerd did not answer /_ping within ${wait_seconds}s; its log follows"
tail -n 40 /var/log/labgrade-dockerd.log >&2 || true
exit 1
