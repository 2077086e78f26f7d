#!/usr/bin/env bash
# CI's Docker part: lint the Dockerfile and the compose file, then build and smoke-test the image.
#
#   bash .ci/docker.sh [REPO_ROOT]
#
# With ../shared/tools/docker-local.sh beside the repo: set up a local engine with it, run the
# checks, and stop that engine again (also on failure) unless one was already answering.
# Otherwise, with an engine that answers `docker info`: run the checks on it.
# Otherwise: the Docker test is skipped, and says so loudly; it never pretends to have passed.
set -euo pipefail
root=$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}" && pwd)
cd "$root"
helper="$root/../shared/tools/docker-local.sh"

skipped() {
  echo "################################################################################"
  echo "DOCKER TEST SKIPPED: $*"
  echo "  the image build, compose up/down and the smoke test (test/docker/smoke.sh) did NOT run"
  echo "################################################################################"
}

# Needs only node_modules: runs even where there is no Docker at all.
echo "docker: npx dockerfile-utils lint Dockerfile"
npx --no-install dockerfile-utils lint Dockerfile

engine_up() { docker info >/dev/null 2>&1; }

run_checks() {
  echo "docker: docker compose config -q (and with --profile monitoring)"
  docker compose config -q
  docker compose -f docker-compose.replicas.yml config -q
  docker compose --profile monitoring config -q
  echo "docker: bash test/docker/smoke.sh"
  bash test/docker/smoke.sh
}

if [ -f "$helper" ]; then
  if engine_up; then
    echo "docker: an engine already answers; $helper setup only adds what is missing, and it stays running"
    bash "$helper" setup
  else
    # Stop what setup starts, whatever happens next.
    trap 'echo "docker: stopping the engine started for this run"; bash "$helper" stop || true' EXIT
    echo "docker: bash $helper setup"
    bash "$helper" setup
  fi
  run_checks
elif command -v docker >/dev/null 2>&1 && engine_up; then
  echo "docker: using the engine that answers docker info ($(docker version -f '{{.Server.Version}}' 2>/dev/null))"
  run_checks
else
  skipped "no Docker engine answers 'docker info' and there is no ../shared/tools/docker-local.sh to set one up"
  if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    echo "docker: docker compose config -q (the CLI is here, the engine is not)"
    docker compose config -q
    docker compose -f docker-compose.replicas.yml config -q
    docker compose --profile monitoring config -q
  fi
fi
