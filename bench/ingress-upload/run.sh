#!/usr/bin/env bash
# Upload throughput through the Ingress against a direct AWSSDK upload to the same S3 server, in one run, and the
# Ingress process's peak RSS (VmHWM) while a 1 GiB file streams through it.
#   bench/ingress-upload/run.sh                 # 64 MiB x3, then 1 GiB once
#   SIZES=64,1024 REPEATS=3 bench/ingress-upload/run.sh   # the figures in README.md: median of three per size
# Needs running infrastructure (PostgreSQL, RabbitMQ, s3rver), e.g. that of `./dev.sh up`. Starts its own Ingress and metadata
# service (Release builds, as separate processes) on a private RabbitMQ vhost and bucket, and stops them afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES="${SIZES:-64,64,64,1024}"
REPEATS="${REPEATS:-1}"
PORT="${BENCH_INGRESS_PORT:-18080}"
VHOST=ingress-bench

# Settings already exported for running infrastructure (e.g. by a shared env file) win; else those of ./dev.sh.
# Nothing here starts or stops PostgreSQL, RabbitMQ or the S3 server.
if [ -z "${S3__ServiceUrl:-}" ] || [ -z "${RabbitMq__ManagementUrl:-}" ]; then
  ROOT="$PWD"
  eval "$(sed -n '/^LOCAL=/,/^SERVICES=/p' dev.sh)"
  source <(sed -n '/^export_settings()/,/^}/p' dev.sh)
  export_settings
fi
# The bench's own Ingress trusts the dev key (made by ./dev.sh up), which the bench client sends.
export AP_API_KEY="$(cat .local/dev-api-key)"
export Auth__BootstrapKeyHash="$(printf '%s' "$AP_API_KEY" | sha256sum | cut -d' ' -f1)"
export RabbitMq__VirtualHost=$VHOST S3__Bucket=ingress-bench S3__CreateBucket=true
export TrainingData__MaxFileBytes=$((2 * 1024 * 1024 * 1024)) TrainingData__MaxUploadRequestBytes=$((3 * 1024 * 1024 * 1024)) TrainingData__MetadataRequestTimeout=00:05:00
export Logging__LogLevel__Default=Warning DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production

curl -fsS -u guest:guest -X PUT "$RabbitMq__ManagementUrl/api/vhosts/$VHOST" >/dev/null
curl -fsS -u guest:guest -X PUT -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' \
  "$RabbitMq__ManagementUrl/api/permissions/$VHOST/guest" >/dev/null

dotnet build -c Release -v q --nologo src/Ingress >/dev/null
dotnet build -c Release -v q --nologo src/MetadataService >/dev/null
dotnet build -c Release -v q --nologo bench/ingress-upload/IngressUploadBench >/dev/null

logs="$(mktemp -d)"
# Each service's content root is its own folder, as under ./dev.sh and in its image (no file watcher on the checkout).
DOTNET_CONTENTROOT="$PWD"/src/MetadataService/bin/Release/net10.0 \
  dotnet src/MetadataService/bin/Release/net10.0/AdapterPipeline.MetadataService.dll >"$logs/metadata.log" 2>&1 &
metadata_pid=$!
Urls="http://127.0.0.1:$PORT" DOTNET_CONTENTROOT="$PWD"/src/Ingress/bin/Release/net10.0 \
  dotnet src/Ingress/bin/Release/net10.0/AdapterPipeline.Ingress.dll >"$logs/ingress.log" 2>&1 &
ingress_pid=$!
trap 'kill $ingress_pid $metadata_pid 2>/dev/null || true; wait 2>/dev/null || true; curl -fsS -u guest:guest -X DELETE "$RabbitMq__ManagementUrl/api/vhosts/$VHOST" >/dev/null || true; rm -rf "$logs"' EXIT

for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/health/ready" >/dev/null || { cat "$logs"/*.log; exit 1; }
# The metadata service answers once its consumers are bound; a small upload proves the whole path before timing.
sleep 3

# The S3 server's CPU time is reported too when its pid is known (that of ./dev.sh's s3rver, else S3_PID).
S3_PID="${S3_PID:-$(head -n1 .local/pids/s3rver.pid 2>/dev/null || true)}"
BENCH_CPU_PIDS="ingress=$ingress_pid,metadata=$metadata_pid${S3_PID:+,s3=$S3_PID}" dotnet bench/ingress-upload/IngressUploadBench/bin/Release/net10.0/IngressUploadBench.dll "http://127.0.0.1:$PORT" "$ingress_pid" "$SIZES" "$REPEATS"
