#!/bin/sh
# Creates the bucket and one MinIO user per service, each with its own policy from /policies/<service>.json.
# Runs in minio/mc:RELEASE.2024-10-08T09-37-26Z on every `docker compose up` (minio-setup) and as the Kubernetes Job
# minio-setup (deploy/k8s/base/minio-setup.yaml); every step is safe to repeat.
#
# Environment: MINIO_URL (default http://minio:9000, compose's), MINIO_ROOT_USER and MINIO_ROOT_PASSWORD, one secret
# key per service (MINIO_<SERVICE>_SECRET_KEY) and, optionally, its access key (MINIO_<SERVICE>_ACCESS_KEY, default
# the service name, as compose's services use).
set -eu

bucket=adapter-pipeline
# Set but empty is an error, not compose's default: the Job passes the services' S3__ServiceUrl, empty for AWS S3,
# where there is no MinIO admin API to call.
url=${MINIO_URL-http://minio:9000}
if [ -z "$url" ]; then
    echo "minio-setup: MINIO_URL is empty; this step needs MinIO's admin API (see deploy/minio/README.md)" >&2
    exit 1
fi

: "${MINIO_ROOT_USER:?set MINIO_ROOT_USER}"
: "${MINIO_ROOT_PASSWORD:?set MINIO_ROOT_PASSWORD}"
: "${MINIO_INGRESS_SECRET_KEY:?set MINIO_INGRESS_SECRET_KEY (MinIO secret key of the ingress)}"
: "${MINIO_METADATA_SERVICE_SECRET_KEY:?set MINIO_METADATA_SERVICE_SECRET_KEY (MinIO secret key of the metadata service)}"
: "${MINIO_TRAINING_WORKER_SECRET_KEY:?set MINIO_TRAINING_WORKER_SECRET_KEY (MinIO secret key of the training worker)}"
: "${MINIO_PACKAGING_WORKER_SECRET_KEY:?set MINIO_PACKAGING_WORKER_SECRET_KEY (MinIO secret key of the packaging worker)}"
: "${MINIO_INFERENCE_WORKER_SECRET_KEY:?set MINIO_INFERENCE_WORKER_SECRET_KEY (MinIO secret key of the inference worker)}"

mc alias set local "$url" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null

# MinIO reports ready before its IAM subsystem is up; admin calls fail until it is.
tries=0
until out=$(mc admin user list local 2>&1); do
    tries=$((tries + 1))
    if [ "$tries" -ge 30 ]; then
        printf 'minio-setup: the MinIO admin API did not answer:\n%s\n' "$out" >&2
        exit 1
    fi
    sleep 2
done

mc mb --ignore-existing "local/$bucket"

# service NAME ACCESS_KEY SECRET: policy NAME from /policies/NAME.json, user ACCESS_KEY with SECRET, the policy
# attached to the user.
service() {
    if [ "${#3}" -lt 8 ]; then
        echo "minio-setup: the secret key for $1 must have at least 8 characters" >&2
        exit 1
    fi
    # create replaces an existing policy of that name, user add resets an existing user's secret, and attach
    # succeeds when the policy is already attached: each re-run converges on the files and the environment.
    mc admin policy create local "$1" "/policies/$1.json"
    mc admin user add local "$2" "$3" >/dev/null
    mc admin policy attach local "$1" --user "$2"
    echo "minio-setup: user $2 has policy $1"
}

service ingress "${MINIO_INGRESS_ACCESS_KEY:-ingress}" "$MINIO_INGRESS_SECRET_KEY"
service metadata-service "${MINIO_METADATA_SERVICE_ACCESS_KEY:-metadata-service}" "$MINIO_METADATA_SERVICE_SECRET_KEY"
service training-worker "${MINIO_TRAINING_WORKER_ACCESS_KEY:-training-worker}" "$MINIO_TRAINING_WORKER_SECRET_KEY"
service packaging-worker "${MINIO_PACKAGING_WORKER_ACCESS_KEY:-packaging-worker}" "$MINIO_PACKAGING_WORKER_SECRET_KEY"
service inference-worker "${MINIO_INFERENCE_WORKER_ACCESS_KEY:-inference-worker}" "$MINIO_INFERENCE_WORKER_SECRET_KEY"
