"""Runs one batch of short training jobs, each on its own fresh avatar, through the Ingress and prints what it took.

The last line is the batch's jobs per minute (a bare number, read by run.sh). Time runs from the first train request
to the last job's end; uploads happen before it starts.
"""
import json
import os
import sys
import time
import urllib.request
import uuid

INGRESS, JOBS = sys.argv[1], int(sys.argv[2])
KEY = os.environ["AP_API_KEY"]
CORPUS = "Ada keeps the light on Gull Rock. The Marigold passed at noon. Lit the lamp at six. " * 12
TRAIN = {"num_epochs": 1, "batch_size": 2, "max_seq_length": 32, "base_model": "tiny-llama"}


def call(method, path, body=None, content_type="application/json"):
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    req = urllib.request.Request(INGRESS + path, data=data, method=method,
                                 headers={"Authorization": f"Bearer {KEY}", "Content-Type": content_type})
    with urllib.request.urlopen(req, timeout=120) as resp:
        return json.loads(resp.read() or b"null")


def upload(user, avatar):
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"persona.txt\"\r\n"
            f"Content-Type: text/plain\r\n\r\n{CORPUS}\r\n--{boundary}--\r\n").encode()
    call("POST", f"/training-data/{user}/{avatar}/upload?use_for_training=true", body,
         f"multipart/form-data; boundary={boundary}")


user = "scale-" + uuid.uuid4().hex[:8]
avatars = [f"avatar-{i}" for i in range(JOBS)]
for avatar in avatars:
    upload(user, avatar)

started = time.monotonic()
jobs = {call("POST", f"/adapters/{user}/{a}/train", TRAIN)["job_id"]: None for a in avatars}
while any(state is None for state in jobs.values()):
    time.sleep(0.5)
    for job_id, state in jobs.items():
        if state is None:
            job = call("GET", f"/jobs/{job_id}")
            if job["state"] in ("succeeded", "failed", "cancelled"):
                jobs[job_id] = (job["state"], time.monotonic() - started, job.get("training_seconds") or 0)
elapsed = time.monotonic() - started
failed = [j for j, (state, _, _) in jobs.items() if state != "succeeded"]
if failed:
    sys.exit(f"{len(failed)} of {JOBS} jobs did not succeed: {failed}")
training = sum(t for _, _, t in jobs.values())
print(f"{JOBS} jobs in {elapsed:.1f} s; workers' training time {training:.1f} s in all, "
      f"{training / elapsed:.2f} training-seconds per second of batch", file=sys.stderr)
print(f"{JOBS * 60 / elapsed:.2f}")
