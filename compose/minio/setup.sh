#!/bin/sh
# Creates the bucket and one MinIO user per service, each with its own policy from /policies/<service>.json.
# Runs in minio/mc:RELEASE.2024-10-08T09-37-26Z on every `docker compose up`; every step is safe to repeat.
set -eu

bucket=adapter-pipeline

: "${MINIO_ROOT_USER:?set MINIO_ROOT_USER}"
: "${MINIO_ROOT_PASSWORD:?set MINIO_ROOT_PASSWORD}"
: "${MINIO_INGRESS_SECRET_KEY:?set MINIO_INGRESS_SECRET_KEY (MinIO secret key of the ingress)}"
: "${MINIO_METADATA_SERVICE_SECRET_KEY:?set MINIO_METADATA_SERVICE_SECRET_KEY (MinIO secret key of the metadata service)}"
: "${MINIO_TRAINING_WORKER_SECRET_KEY:?set MINIO_TRAINING_WORKER_SECRET_KEY (MinIO secret key of the training worker)}"
: "${MINIO_PACKAGING_WORKER_SECRET_KEY:?set MINIO_PACKAGING_WORKER_SECRET_KEY (MinIO secret key of the packaging worker)}"
: "${MINIO_INFERENCE_WORKER_SECRET_KEY:?set MINIO_INFERENCE_WORKER_SECRET_KEY (MinIO secret key of the inference worker)}"

mc alias set local http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null

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

# service NAME SECRET: policy NAME from /policies/NAME.json, user NAME with SECRET, the policy attached to the user.
service() {
    if [ "${#2}" -lt 8 ]; then
        echo "minio-setup: the secret key for $1 must have at least 8 characters" >&2
        exit 1
    fi
    # create replaces an existing policy of that name, user add resets an existing user's secret, and attach
    # succeeds when the policy is already attached: each re-run converges on the files and the environment.
    mc admin policy create local "$1" "/policies/$1.json"
    mc admin user add local "$1" "$2" >/dev/null
    mc admin policy attach local "$1" --user "$1"
    echo "minio-setup: user $1 has policy $1"
}

service ingress "$MINIO_INGRESS_SECRET_KEY"
service metadata-service "$MINIO_METADATA_SERVICE_SECRET_KEY"
service training-worker "$MINIO_TRAINING_WORKER_SECRET_KEY"
service packaging-worker "$MINIO_PACKAGING_WORKER_SECRET_KEY"
service inference-worker "$MINIO_INFERENCE_WORKER_SECRET_KEY"
