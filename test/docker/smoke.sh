#!/usr/bin/env bash
# Docker smoke test: build the image with compose, run it, check serving, health, metrics,
# hot reload through the mounted folder, image size and a quick `docker compose down`.
#
#   bash test/docker/smoke.sh
#
# Needs Docker Engine 25+ with Compose v2.23+, and curl. Talks to the container only through
# a port published on 127.0.0.1 (picked by Docker), mounts a throwaway config folder (the
# repo's config/ is never touched), and removes its containers and network when done.
# Environment: NODE_IMAGE (base image, default the Dockerfile's), MOCKDOCK_IMAGE (tag to build).
set -euo pipefail
umask 022   # the container runs as uid 1000: what we write must be readable by others

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

MAX_OWN_BYTES=15000000   # the layers mockdock adds on top of the base image (15 MB)
MAX_RELOAD_MS=3000       # the spec promises 1 s with native events; headroom for a busy CI box
MAX_DOWN_MS=2000

project="mockdock-smoke-$$"
work=$(mktemp -d "${TMPDIR:-/tmp}/mockdock-smoke.XXXXXX")
cfg="$work/config"
passed=0
failed=0
skipped=0
logs_pid=""

say()   { printf '%s\n' "$*"; }
pass()  { passed=$((passed + 1)); say "ok   - $*"; }
fail()  { failed=$((failed + 1)); say "FAIL - $*"; }
skip()  { skipped=$((skipped + 1)); say "SKIP - $*"; }
die()   { say "FAIL - $*"; say "docker smoke test: aborted after $passed checks passed"; exit 1; }
check() { local desc=$1; shift; if "$@"; then pass "$desc"; else fail "$desc"; fi; }
not()   { ! "$@"; }
compose() { docker compose --ansi never -p "$project" "$@"; }

now_ms() {
  if [ -n "${EPOCHREALTIME:-}" ]; then
    local us=${EPOCHREALTIME/[.,]/}
    printf '%s\n' $((us / 1000))
  else
    perl -MTime::HiRes=time -e 'printf "%d\n", time() * 1000'
  fi
}
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f s", ms / 1000 }'; }
mb()   { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }

cleanup() {
  local rc=$?
  if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ]; then
    local lines
    lines=$(tail -n 40 "$work/container.log" 2>/dev/null || true)
    [ -n "$lines" ] || lines=$(compose logs --no-color --tail 40 mockdock 2>/dev/null || true)
    if [ -n "$lines" ]; then say "--- last container log lines:"; say "$lines"; fi
  fi
  compose --profile monitoring down --volumes --remove-orphans --timeout 5 >/dev/null 2>&1 || true
  if [ -n "$logs_pid" ]; then kill "$logs_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# GET a path on the published port: sets STATUS, BODY and CTYPE.
get() {  # get PATH-on-mockdock | URL
  local url=$1
  case $url in http://*) ;; *) url=$base$url ;; esac
  STATUS=$(curl -sS --max-time 5 -o "$work/body" -D "$work/headers" -w '%{http_code}' "$url" 2>/dev/null) || STATUS=000
  BODY=$(tr -d ' \r\n' < "$work/body" 2>/dev/null || true)
  CTYPE=$(sed -n 's/^[Cc]ontent-[Tt]ype:[[:space:]]*//p' "$work/headers" 2>/dev/null | tr -d '\r' | tail -n 1)
}
# Poll until PATH answers 200 with a body containing TEXT; sets WAITED_MS. Bounded (10 s default).
wait_for() {  # wait_for PATH|URL TEXT [MAX_MS]
  local t0 now max=${3:-10000}
  t0=$(now_ms)
  while :; do
    get "$1"
    now=$(now_ms)
    WAITED_MS=$((now - t0))
    if [ "$STATUS" = 200 ] && grep -q "$2" <<<"$BODY"; then return 0; fi
    [ "$WAITED_MS" -lt "$max" ] || return 1
    sleep 0.1
  done
}
within() { [ "$1" -le "$2" ]; }
health_ok() { [ "$STATUS" = 200 ] && grep -q '"status":"ok"' <<<"$BODY" && grep -Eq '"endpoints":1[,}]' <<<"$BODY"; }
endpoint_file() {  # endpoint_file FILE NAME PATH MESSAGE
  printf -- '- name: %s\n  path: %s\n  method: GET\n  response:\n    message: %s\n' "$2" "$3" "$4" > "$1"
}

# ---------------------------------------------------------------- preconditions
command -v docker >/dev/null 2>&1 || die "docker is not on PATH"
docker info >/dev/null 2>&1 || die "the Docker daemon does not answer (docker info)"
docker compose version >/dev/null 2>&1 || die "the Compose v2 plugin is missing (docker compose)"
command -v curl >/dev/null 2>&1 || die "curl is needed on the host"
say "docker smoke test: $(docker version -f 'engine {{.Server.Version}}'), $(docker compose version --short 2>/dev/null | sed 's/^/compose /')"

# ---------------------------------------------------------------- the Dockerfile's promises
runtime_stage=$(sed -n '/^FROM .* AS runtime/,$p' Dockerfile | grep -v '^[[:space:]]*#' || true)
check "the Dockerfile has a runtime stage" test -n "$runtime_stage"
check "the Dockerfile has no '# syntax=' line" not grep -Eiq '^#[[:space:]]*syntax[[:space:]]*=' Dockerfile
check "ARG NODE_IMAGE comes before the first FROM" awk '/^FROM/ { exit } /^ARG NODE_IMAGE=/ { f = 1 } END { exit !f }' Dockerfile
check "the runtime stage runs no package manager" not grep -Eiq '(^|[^a-z-])(apk|apt-get|apt|dpkg|yum|dnf|microdnf)[[:space:]]' <<<"$runtime_stage"

# ---------------------------------------------------------------- build
mkdir -p "$cfg"
endpoint_file "$cfg/greeting.yaml" smoke-greeting /smoke/greeting hello-from-smoke
export MOCKDOCK_CONFIG_DIR="$cfg" MOCKDOCK_PUBLISH="127.0.0.1:" LOG_LEVEL=info

image=$(compose config --images | head -n 1)
base_ref=${NODE_IMAGE:-$(sed -n 's/^ARG NODE_IMAGE=//p' Dockerfile | head -n 1)}
say "building $image on $base_ref (docker compose build) ..."
t0=$(now_ms)
if ! compose build mockdock >"$work/build.log" 2>&1; then
  tail -n 40 "$work/build.log"
  die "docker compose build failed"
fi
build_ms=$(( $(now_ms) - t0 ))
pass "the image builds ($(secs "$build_ms"))"

# ---------------------------------------------------------------- image facts
inspect() { docker image inspect -f "$1" "$image"; }
img_bytes=$(inspect '{{.Size}}')
base_bytes=$(docker image inspect -f '{{.Size}}' "$base_ref")
img_layers=$(inspect '{{join .RootFS.Layers " "}}')
base_layers=$(docker image inspect -f '{{join .RootFS.Layers " "}}' "$base_ref")
check "the image is built on $base_ref (its layers come first)" test "${img_layers#"$base_layers"}" != "$img_layers"
own_rows=$(( $(docker history -q "$image" | wc -l) - $(docker history -q "$base_ref" | wc -l) ))
own_bytes=$(docker history --human=false --format '{{.Size}}' "$image" | head -n "$own_rows" | awk '{ s += $1 } END { print s + 0 }')
say "image $image: $(mb "$img_bytes") in all; base $base_ref: $(mb "$base_bytes"); mockdock's own layers: $(mb "$own_bytes"):"
docker history --human=false --no-trunc --format '{{.Size}}\t{{.CreatedBy}}' "$image" | head -n "$own_rows" \
  | awk -F '\t' '$1 > 0 { c = $2; sub(/^\/bin\/sh -c #\(nop\) */, "", c); printf "    %8.1f kB  %s\n", $1 / 1000, substr(c, 1, 90) }'
check "mockdock's own layers stay under 15 MB ($(mb "$own_bytes"))" within "$own_bytes" "$MAX_OWN_BYTES"

pkg_version=$(sed -nE 's/^[[:space:]]*"version":[[:space:]]*"([^"]+)".*/\1/p' package.json | head -n 1)
check "it runs as the non-root user node" test "$(inspect '{{.Config.User}}')" = node
check "MOCKDOCK_CONFIG is /config" grep -qx 'MOCKDOCK_CONFIG=/config' <<<"$(inspect '{{join .Config.Env "\n"}}')"
# shellcheck disable=SC2016 # Go template variables, not shell ones
check "/config is a volume and 8080 is exposed" test "$(inspect '{{range $k, $v := .Config.Volumes}}{{$k}}{{end}} {{range $k, $v := .Config.ExposedPorts}}{{$k}}{{end}}')" = "/config 8080/tcp"
check "the image healthcheck probes /__health with node" grep -q '"CMD","node",.*/__health' <<<"$(inspect '{{json .Config.Healthcheck.Test}}')"
check "the OCI version label matches package.json ($pkg_version)" test "$(inspect '{{index .Config.Labels "org.opencontainers.image.version"}}')" = "$pkg_version"
check "the OCI title and licence labels are set" test -n "$(inspect '{{index .Config.Labels "org.opencontainers.image.title"}}')" -a \
  -n "$(inspect '{{index .Config.Labels "org.opencontainers.image.licenses"}}')"
check "the OCI source label is declared (its value comes from --build-arg SOURCE)" grep -q '"org.opencontainers.image.source":' <<<"$(inspect '{{json .Config.Labels}}')"

# ---------------------------------------------------------------- up
started_at=$(date +%s)
t0=$(now_ms)
if ! compose up -d --wait --wait-timeout 90 --no-build mockdock >"$work/up.log" 2>&1; then
  cat "$work/up.log"
  die "docker compose up --wait did not get mockdock healthy"
fi
up_ms=$(( $(now_ms) - t0 ))
cid=$(compose ps -q mockdock)
compose logs --no-color --no-log-prefix -f mockdock >"$work/container.log" 2>&1 &
logs_pid=$!
pass "docker compose up -d --wait (image just built): healthy after $(secs "$up_ms")"
check "Docker reports the container healthy" test "$(docker inspect -f '{{.State.Health.Status}}' "$cid")" = healthy
base="http://$(compose port mockdock 8080)"
case "$base" in http://127.0.0.1:[0-9]*) ;; *) die "unexpected published address '$base'" ;; esac
say "mockdock published at $base"

get /__health
check "GET /__health answers 200 {\"status\":\"ok\",\"endpoints\":1}" health_ok
get /smoke/greeting
check "GET /smoke/greeting serves the mounted config" test "$STATUS:$BODY" = '200:{"message":"hello-from-smoke"}'
get /metrics
check "GET /metrics answers 200 in Prometheus text format" test "$STATUS:${CTYPE%%;*}" = 200:text/plain
check "the metrics count the mocked request" grep -Eq '^mockdock_requests_total\{[^}]*endpoint="smoke-greeting"[^}]*\} [1-9]' "$work/body"
get /__ui
check "GET /__ui serves the web UI's page from the image" test "$STATUS:${CTYPE%%;*}" = 200:text/html
# the entry script (the page also preloads its chunks)
ui_script=$(grep -o '/__ui/assets/main-[^"]*\.js' "$work/body" | head -n 1 || true)
get "${ui_script:-/__ui/assets/missing.js}"
check "the page's script is in the image (${ui_script:-none named})" test "$STATUS" = 200
check "the server runs as uid 1000 inside" test "$(compose exec -T mockdock node -e 'process.stdout.write(String(process.getuid()))')" = 1000
check "the mounted config is read-only inside" not compose exec -T mockdock node -e "require('fs').writeFileSync('/config/probe', 'x')" 2>/dev/null

# ---------------------------------------------------------------- hot reload through the mount
endpoint_file "$cfg/greeting.yaml" smoke-greeting /smoke/greeting changed-in-place
if wait_for /smoke/greeting changed-in-place; then
  reload_ms=$WAITED_MS
  check "an in-place edit is served after $(secs "$WAITED_MS")" within "$WAITED_MS" "$MAX_RELOAD_MS"
else
  reload_ms=""
  fail "an in-place edit was still not served after $(secs "$WAITED_MS") (last: $STATUS $BODY)"
fi
# An editor's save: write a temporary file, then rename it over the original (a new inode).
endpoint_file "$cfg/.greeting.yaml.swp" smoke-greeting /smoke/greeting saved-by-rename
mv -f "$cfg/.greeting.yaml.swp" "$cfg/greeting.yaml"
if wait_for /smoke/greeting saved-by-rename; then
  check "an atomic save (rename over the file) is served after $(secs "$WAITED_MS")" within "$WAITED_MS" "$MAX_RELOAD_MS"
else
  fail "an atomic save was still not served after $(secs "$WAITED_MS") (last: $STATUS $BODY)"
fi
endpoint_file "$cfg/extra.yaml" smoke-extra /smoke/extra a-new-file
if wait_for /smoke/extra a-new-file; then
  check "a new file in the folder is served after $(secs "$WAITED_MS")" within "$WAITED_MS" "$MAX_RELOAD_MS"
else
  fail "a new file was still not served after $(secs "$WAITED_MS") (last: $STATUS $BODY)"
fi

# ---------------------------------------------------------------- monitoring profile
# Needs a Prometheus image without a registry: the compose file's own if it is already here,
# else a stand-in made from the host's prometheus binary (e.g. Debian's package) on debian:bookworm-slim.
prom_image=$(compose --profile monitoring config --images | grep -vxF "$image" | head -n 1)
prom_why=""
if ! docker image inspect "$prom_image" >/dev/null 2>&1; then
  if prom_bin=$(command -v prometheus) && docker image inspect debian:bookworm-slim >/dev/null 2>&1; then
    mkdir -p "$work/prometheus"
    cp "$prom_bin" "$work/prometheus/prometheus"
    cat > "$work/prometheus/Dockerfile" <<'EOF'
FROM debian:bookworm-slim
COPY prometheus /bin/prometheus
RUN mkdir -p /prometheus /etc/prometheus && chown nobody:nogroup /prometheus
USER nobody
WORKDIR /prometheus
EXPOSE 9090
ENTRYPOINT ["/bin/prometheus"]
CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]
EOF
    say "no $prom_image here: building a stand-in from $prom_bin"
    prom_image=mockdock-smoke-prometheus:local
    if ! docker build -q -t "$prom_image" "$work/prometheus" >/dev/null 2>"$work/prometheus/build.log" \
      || ! docker run --rm "$prom_image" --version >/dev/null 2>&1; then
      prom_why="the stand-in Prometheus image made from $prom_bin does not run"
    fi
  else
    prom_why="no $prom_image image here and no prometheus binary to make a stand-in (docker pull $prom_image to include it)"
  fi
fi
if [ -n "$prom_why" ]; then
  skip "monitoring profile: $prom_why"
else
  export PROMETHEUS_IMAGE="$prom_image" PROMETHEUS_PUBLISH="127.0.0.1:"
  if compose --profile monitoring up -d --wait --wait-timeout 60 --no-build prometheus >"$work/prom-up.log" 2>&1; then
    prom="http://$(compose --profile monitoring port prometheus 9090)"
    # The first scrape lands somewhere within the 15 s scrape interval.
    if wait_for "$prom/api/v1/targets?state=active" '"health":"up"' 40000; then
      pass "the monitoring profile's Prometheus scrapes mockdock (target up after $(secs "$WAITED_MS"))"
      get "$prom/api/v1/query?query=mockdock_endpoints"
      check "Prometheus has mockdock_endpoints = 2 from job mockdock" grep -q '"job":"mockdock".*"2"\]' <<<"$BODY"
    else
      fail "the monitoring profile's Prometheus never reported the mockdock target up (last: $STATUS ${BODY:0:300})"
    fi
  else
    cat "$work/prom-up.log"
    fail "docker compose --profile monitoring up could not start Prometheus ($prom_image)"
  fi
  compose --profile monitoring rm --stop --force prometheus >/dev/null 2>&1 || true
fi

# ---------------------------------------------------------------- down
# Hold an idle keep-alive connection, as Prometheus or an app's HTTP pool would: a server that
# waited for it to go away on its own would hold `down` up to the grace period.
idle_note="no idle connection held"
hostport=${base#http://}
if exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}" 2>/dev/null; then
  printf 'GET /__health HTTP/1.1\r\nHost: %s\r\nConnection: keep-alive\r\n\r\n' "$hostport" >&3
  if IFS= read -r -t 5 status_line <&3 && [ "${status_line#HTTP/1.1 200}" != "$status_line" ]; then
    idle_note="with an idle keep-alive connection open"
  fi
fi
t0=$(now_ms)
compose down --timeout 10 >"$work/down.log" 2>&1 || { cat "$work/down.log"; die "docker compose down failed"; }
down_ms=$(( $(now_ms) - t0 ))
exec 3>&- 3<&- 2>/dev/null || true
check "docker compose down took $(secs "$down_ms"), $idle_note (limit $(secs "$MAX_DOWN_MS"))" within "$down_ms" "$MAX_DOWN_MS"
exit_code=$(docker events --since "$started_at" --until "$(( $(date +%s) + 1 ))" --filter "container=$cid" \
  --filter event=die --format '{{index .Actor.Attributes "exitCode"}}' | tail -n 1)
check "mockdock exited 0 on SIGTERM (exit code: ${exit_code:-none seen})" test "${exit_code:-x}" = 0
wait "$logs_pid" 2>/dev/null || true
logs_pid=""
check "mockdock logged no error or fatal line" not grep -Eq '"level":(50|60|"error"|"fatal")' "$work/container.log"

# ---------------------------------------------------------------- summary
say ""
say "docker smoke test summary:"
say "  image $image: $(mb "$img_bytes") (base $base_ref: $(mb "$base_bytes"))"
say "  mockdock's own layers: $(mb "$own_bytes") (limit $(mb "$MAX_OWN_BYTES"))"
say "  docker compose build: $(secs "$build_ms")"
say "  docker compose up -d --wait, to healthy: $(secs "$up_ms")"
say "  hot reload of an in-place edit: ${reload_ms:+$(secs "$reload_ms")}"
say "  docker compose down: $(secs "$down_ms")"
say "docker smoke test: $passed checks passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
