#!/bin/sh
# Gives each service its own RabbitMQ user with the least rights it needs, through the management API; safe to run
# on every start (users and permissions are replaced). Used by compose (the rabbitmq-users service), ./dev.sh and the
# Kubernetes Job rabbitmq-users (deploy/k8s/base/rabbitmq-users.yaml).
#
# Every service may publish any message (the bus is inside the trust boundary, see docs/security.md), but may read
# from, declare and delete only its own queues: a compromised worker cannot consume another service's work, purge
# its queue or delete it. Queue names are MassTransit's kebab-case endpoint names of each service's consumers; a
# consumer added to a service needs its queue here, or the service does not become ready.
#
# Environment: RABBITMQ_MANAGEMENT_URL, RABBITMQ_USER and RABBITMQ_PASSWORD (an administrator), RABBITMQ_VHOST
# (default /), and one password per service: RABBITMQ_INGRESS_PASSWORD, RABBITMQ_METADATA_SERVICE_PASSWORD,
# RABBITMQ_WEBHOOK_SERVICE_PASSWORD, RABBITMQ_TRAINING_WORKER_PASSWORD, RABBITMQ_PACKAGING_WORKER_PASSWORD,
# RABBITMQ_INFERENCE_WORKER_PASSWORD. The user names are the service names.
set -eu

: "${RABBITMQ_MANAGEMENT_URL:?}" "${RABBITMQ_USER:?}" "${RABBITMQ_PASSWORD:?}"
vhost=$(printf '%s' "${RABBITMQ_VHOST:-/}" | sed 's|/|%2F|g')

# Message-type exchanges (publish, and the source of every binding) and fault exchanges.
types='AdapterPipeline\..+|MassTransit:.+'
# Answers to requests go to the requester's bus endpoint, whichever service asked, and MassTransit declares the
# exchange it sends an answer to (so these temporary endpoints are open to every service; nothing durable is).
any_bus='.+_bus_.+'

json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

api() { # method path body
  curl -sS --fail-with-body -u "$RABBITMQ_USER:$RABBITMQ_PASSWORD" -H 'content-type: application/json' \
    -X "$1" "$RABBITMQ_MANAGEMENT_URL/api/$2" -d "$3" >/dev/null
}

# user, password, its queues (a regex; their _error and _skipped queues follow), the bus process name (of all the
# temporary bus endpoints, only its own may be read from), and the queues it sends commands to: binding a queue to its
# like-named exchange needs read on that exchange, and RabbitMQ grants by name, so the sender could also read those
# queues.
grant() {
  queues="($3)(_error|_skipped)?"
  own_bus=".+_$4_bus_.+"
  sends=${5:-}
  api PUT "users/$1" "{\"password\": $(json_string "$2"), \"tags\": \"\"}"
  api PUT "permissions/$vhost/$1" "{
    \"configure\": $(json_string "^($types|$queues|$any_bus${sends:+|$sends})\$"),
    \"write\": $(json_string "^($types|$queues|$any_bus${sends:+|$sends})\$"),
    \"read\": $(json_string "^($types|$queues|$own_bus${sends:+|$sends})\$")}"
  echo "rabbitmq user $1: ready"
}

grant ingress "${RABBITMQ_INGRESS_PASSWORD:?}" 'ingress-.+' AdapterPipelineIngress
grant metadata-service "${RABBITMQ_METADATA_SERVICE_PASSWORD:?}" \
  'metadata-service-.+|adapter-deleted|adapter-queries|avatar-history|clear-system-prompt|create-adapter|delete-adapter|discard-job-artifacts|get-system-prompt|job-queries|list-served-avatars|match-adapter-objects|record-training-files|remove-non-training-files|remove-training-file|remove-unrecorded-objects|restore-adapter-version|rewrite-system-prompt|set-eval-flag|set-system-prompt|set-training-flag|train-adapter|training-data-queries|training-job|usage-queries' \
  AdapterPipelineMetadataService 'start-training|package-adapter|webhook-events'
grant webhook-service "${RABBITMQ_WEBHOOK_SERVICE_PASSWORD:?}" 'webhook-.+' AdapterPipelineWebhookService
grant training-worker "${RABBITMQ_TRAINING_WORKER_PASSWORD:?}" 'training-worker-.+|start-training|validate-training-settings|preview-training' \
  AdapterPipelineTrainingWorker
grant packaging-worker "${RABBITMQ_PACKAGING_WORKER_PASSWORD:?}" 'packaging-worker-.+|package-adapter|package-adapter-fault' \
  AdapterPipelinePackagingWorker
grant inference-worker "${RABBITMQ_INFERENCE_WORKER_PASSWORD:?}" 'inference-worker-.+' AdapterPipelineInferenceWorker
