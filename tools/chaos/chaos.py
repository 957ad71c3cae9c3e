#!/usr/bin/python3
"""Fault injection against the running local stack (./dev.sh up): each scenario starts a training job, injects one
fault at a risky moment, brings the part back with `./dev.sh up --no-build`, and checks what must hold afterwards:

- the job ends `succeeded` within its deadline (an injected fault never fails a job);
- the avatar's versions equal its succeeded jobs (none lost, none doubled);
- the completion webhook arrives exactly once per subscription (one `webhook-id` per job);
- the avatar's training data and metadata.json are intact, and the avatar accepts the next job (the next scenario);
- a file removed while S3 is down is removed at once, and its object and metadata.json entry follow once S3 is back;
- every service is ready again (/health/ready) and answers on the bus.

At the end, every service's log is searched for what must never be logged: the API key, the webhook secrets, a
presigned URL's signature and the text of a training file.

    tools/chaos/chaos.py INGRESS_URL short|full [WEBHOOK_PORT]

`short` injects each fault once (a few minutes; run by ./dev.sh test); `full` adds a three-minute broker outage and a
soak of 30 jobs on three avatars under random faults. Prints a table (fault, moment, outcome, seconds to end).
Standard library only.
"""
import http.server
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIDS = ROOT / ".local" / "pids"
INGRESS = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
MODE = sys.argv[2] if len(sys.argv) > 2 else "short"
WEBHOOK_PORT = int(sys.argv[3]) if len(sys.argv) > 3 else 8097
S3 = f"http://127.0.0.1:{os.environ.get('AP_S3_PORT', '4568')}"
BUCKET = "adapter-pipeline"
API_KEY = (ROOT / ".local" / "dev-api-key").read_text().strip()
SAMPLES = ROOT / "samples" / "training-data"
# Long enough (about 240 steps on the tiny base) for a fault to land mid-training; progress arrives every 10 steps.
TRAIN = {"num_epochs": 80, "batch_size": 2, "max_seq_length": 64, "learning_rate": 1e-3, "base_model": "tiny-llama"}
# The soak's jobs are short (about 60 steps), so that 30 of them fit in minutes.
SOAK_TRAIN = dict(TRAIN, num_epochs=20)
JOB_DEADLINE = 900
SERVICES = ["ingress", "metadata-service", "webhook-service", "training-worker", "packaging-worker", "inference-worker"]


def api(method, path, body=None, headers=None):
    data, headers = body, dict(headers or {})
    headers["Authorization"] = f"Bearer {API_KEY}"
    if body is not None and not isinstance(body, bytes):
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(INGRESS + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            content = response.read()
            return response.status, json.loads(content) if content else None
    except urllib.error.HTTPError as error:
        content = error.read()
        return error.code, json.loads(content) if content else None
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        return 0, str(error)


def api_until_ok(method, path, body=None, headers=None, seconds=300):
    """The Ingress may itself be restarting, or answer 503/504 while a part is down: ask again until it answers."""
    deadline = time.time() + seconds
    while True:
        status, answer = api(method, path, body, headers)
        if status and status < 500:
            return status, answer
        if time.time() > deadline:
            raise RuntimeError(f"{method} {path}: no answer in {seconds} s ({status} {answer})")
        time.sleep(1)


class Hooks(http.server.BaseHTTPRequestHandler):
    """Collects completion webhooks: job id -> set of webhook-ids (one id delivered twice is a redelivery, two ids a double)."""
    received = {}
    lock = threading.Lock()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        job = json.loads(body).get("data", {}).get("job_id")
        with Hooks.lock:
            Hooks.received.setdefault(job, set()).add(self.headers.get("webhook-id"))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


# ---------------------------------------------------------------- faults
def pid_of(name):
    return int((PIDS / f"{name}.pid").read_text().split()[0])


def kill(name, sig=signal.SIGKILL):
    try:
        os.kill(pid_of(name), sig)
    except (FileNotFoundError, ProcessLookupError):
        pass


def bring_back():
    subprocess.run([str(ROOT / "dev.sh"), "up", "--no-build"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                   check=True, timeout=600)


def down_for(name, seconds, sig=signal.SIGKILL):
    def fault():
        kill(name, sig)
        time.sleep(seconds)
        bring_back()
    return fault


# ---------------------------------------------------------------- moments
def job_state(job):
    status, state = api("GET", f"/jobs/{job}")
    return state if status == 200 else None


def wait_for_moment(job, moment, seconds=300):
    """Polls the job until the moment arrives; returns False if the job ended first (the fault then comes late)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        state = job_state(job)
        if state:
            if state["state"] in ("succeeded", "failed", "cancelled"):
                return False
            if moment(state):
                return True
        time.sleep(0.2)
    return False


def accepted(_):
    return True


def mid_training(state):
    return state["state"] == "running" and (state.get("step") or 0) >= 20


def late_training(state):
    return state["state"] == "running" and state.get("total_steps") and (state.get("step") or 0) >= state["total_steps"] - 40


def packaging(state):
    return state["state"] == "packaging"


# ---------------------------------------------------------------- scenarios
# What must never reach a log line, by what it is (filled in as the run creates them).
NEVER_LOGGED = {"the API key": API_KEY}


class Avatar:
    def __init__(self, user):
        self.user, self.avatar = user, "persona"
        self.succeeded = 0
        self.base = f"/training-data/{user}/{self.avatar}"

    def prepare(self):
        canary = f"canary-{uuid.uuid4().hex}"
        NEVER_LOGGED[f"training text of {self.user}"] = canary
        files = [(path.name, path.read_bytes()) for path in sorted(SAMPLES.glob("*"))] + [("private.txt", f"A private note: {canary}\n".encode())]
        self.upload(files)
        api_until_ok("PUT", f"{self.base}/drafts.txt/training-flag", {"use_for_training": False})
        status, answer = api_until_ok("POST", f"/webhooks/{self.user}/subscriptions",
                                      {"url": f"http://127.0.0.1:{WEBHOOK_PORT}/hooks", "events": ["adapter.training.succeeded", "adapter.training.failed"]})
        assert status == 201, f"subscription: {status} {answer}"
        NEVER_LOGGED[f"webhook secret of {self.user}"] = answer["secret"]
        status, link = api_until_ok("GET", f"{self.base}/download/private.txt")
        assert status == 200, f"download link: {status} {link}"
        NEVER_LOGGED["a presigned URL's signature"] = link["url"].split("Signature=")[1].split("&")[0]
        self.metadata = api_until_ok("GET", f"{self.base}/metadata")[1]

    def upload(self, files):
        boundary = uuid.uuid4().hex
        body = b""
        for name, content in files:
            body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
                     f"Content-Type: text/plain\r\n\r\n").encode() + content + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        status, answer = api_until_ok("POST", f"{self.base}/upload?use_for_training=true", body,
                                      {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        assert status == 200, f"upload: {status} {answer}"

    def train(self, hyperparameters=TRAIN):
        status, job = api_until_ok("POST", f"/adapters/{self.user}/{self.avatar}/train", hyperparameters, {"Idempotency-Key": uuid.uuid4().hex})
        assert status == 202, f"train: {status} {job}"
        return job["job_id"]

    def check(self, job, ended):
        problems = []
        if ended["state"] == "succeeded":
            self.succeeded += 1
        else:
            problems.append(f"ended {ended['state']}: {ended.get('error')}")
        status, versions = api_until_ok("GET", f"/adapters/{self.user}/{self.avatar}/versions")
        count = len(versions["versions"]) if status == 200 else 0
        if count != self.succeeded:
            problems.append(f"{count} versions for {self.succeeded} succeeded jobs")
        deadline = time.time() + 120
        while time.time() < deadline and job not in Hooks.received:
            time.sleep(0.5)
        time.sleep(2)  # a second, different delivery would arrive about now
        with Hooks.lock:
            ids = Hooks.received.get(job, set())
        if len(ids) != 1:
            problems.append(f"{len(ids)} distinct completion webhooks")
        if api_until_ok("GET", f"{self.base}/metadata")[1] != self.metadata:
            problems.append("metadata.json changed")
        return problems


def leaks():
    """Each secret or piece of user data found in a service's log, with the log's name."""
    found = []
    for service in SERVICES:
        for log in (ROOT / ".local" / "logs").glob(f"{service}*.log"):
            text = log.read_text(errors="replace")
            found += [f"{what} in {log.name}" for what, value in NEVER_LOGGED.items() if value in text]
    return found


def ready_everywhere():
    deadline = time.time() + 120
    while time.time() < deadline:
        status, ping = api("POST", "/diagnostics/ping?wait_ms=10000")
        if status == 200 and not ping["missing"] and api("GET", "/health/ready")[0] == 200:
            return True
        time.sleep(2)
    return False


def run(avatar, fault_name, moment_name, moment, fault):
    started = time.time()
    job = avatar.train()
    hit = wait_for_moment(job, moment)
    if hit:
        fault()
    else:
        bring_back()
    deadline = time.time() + JOB_DEADLINE
    ended = None
    while time.time() < deadline:
        state = job_state(job)
        if state and state["state"] in ("succeeded", "failed", "cancelled"):
            ended = state
            break
        time.sleep(1)
    seconds = time.time() - started
    problems = ["no end within the deadline"] if ended is None else avatar.check(job, ended)
    if not ready_everywhere():
        problems.append("not ready afterwards")
    outcome = ended["state"] if ended else "no end"
    print(f"| {fault_name} | {moment_name if hit else moment_name + ' (missed: the job ended first)'} | "
          f"{outcome}{'; ' + '; '.join(problems) if problems else ''} | {seconds:.0f} |", flush=True)
    return not problems


def s3_object(key):
    """The object's bytes as s3rver serves them (it takes unsigned requests); None when there is none."""
    try:
        with urllib.request.urlopen(f"{S3}/{BUCKET}/{key}", timeout=10) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


def removal_while_s3_is_down(avatar):
    """A file removed while S3 is down: the removal is answered at once and S3 follows once it is back."""
    started, name = time.time(), "to-remove.txt"
    avatar.upload([(name, b"A file removed while S3 is down.\n")])
    keys = {"object": f"users/{avatar.user}/avatars/{avatar.avatar}/adapters/training_data/{name}",
            "metadata.json": f"users/{avatar.user}/avatars/{avatar.avatar}/adapters/metadata/metadata.json"}
    kill("s3rver", signal.SIGTERM)
    status, answer = api("DELETE", f"{avatar.base}/{name}")
    time.sleep(10)
    bring_back()
    problems = [] if status == 200 else [f"DELETE answered {status} {answer}"]
    deadline = time.time() + 300
    while time.time() < deadline:
        try:
            left = s3_object(keys["object"]) is not None or name.encode() in (s3_object(keys["metadata.json"]) or b"")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            left = True
        if not left:
            break
        time.sleep(2)
    else:
        problems.append("the object or its metadata.json entry still in S3 after 5 minutes")
    if api_until_ok("GET", f"{avatar.base}/metadata")[1] != avatar.metadata:
        problems.append("metadata.json changed")
    if not ready_everywhere():
        problems.append("not ready afterwards")
    print(f"| S3 stopped for 10 s | during a file removal | {'; '.join(problems) or 'answered, object and entry gone'} | "
          f"{time.time() - started:.0f} |", flush=True)
    return not problems


SHORT = [
    ("training worker kill -9", "mid-training", mid_training, down_for("training-worker", 2)),
    ("metadata service kill -9", "right after the train request was committed", accepted, down_for("metadata-service", 2)),
    ("packaging worker kill -9", "while packaging", packaging, down_for("packaging-worker", 2)),
    ("metadata service kill -9", "after AdapterTrained was consumed (packaging)", packaging, down_for("metadata-service", 2)),
    ("RabbitMQ killed for 5 s", "mid-training", mid_training, down_for("rabbitmq", 5)),
    ("PostgreSQL crash-stopped (SIGQUIT)", "mid-training (progress transitions)", mid_training, down_for("postgres", 3, signal.SIGQUIT)),
    ("S3 stopped for 20 s", "end of training and staging", late_training, down_for("s3rver", 20, signal.SIGTERM)),
    ("S3 stopped for 10 s", "while packaging", packaging, down_for("s3rver", 10, signal.SIGTERM)),
]

FULL = SHORT + [
    ("RabbitMQ killed for 3 min", "mid-training", mid_training, down_for("rabbitmq", 180)),
]


def soak(avatars, jobs=30, faults=10):
    """Jobs one after another per avatar, three avatars at once, while random faults hit random parts."""
    kinds = [down_for("training-worker", 2), down_for("packaging-worker", 2), down_for("metadata-service", 2),
             down_for("rabbitmq", 5), down_for("postgres", 3, signal.SIGQUIT), down_for("s3rver", 10, signal.SIGTERM)]
    results, lock = [], threading.Lock()

    def worker(avatar, count):
        for _ in range(count):
            job = avatar.train(SOAK_TRAIN)
            deadline = time.time() + JOB_DEADLINE
            while time.time() < deadline:
                state = job_state(job)
                if state and state["state"] in ("succeeded", "failed", "cancelled"):
                    with lock:
                        results.append((avatar, job, state))
                    avatar.succeeded += state["state"] == "succeeded"
                    break
                time.sleep(1)
    threads = [threading.Thread(target=worker, args=(a, jobs // len(avatars))) for a in avatars]
    for t in threads:
        t.start()
    for _ in range(faults):
        time.sleep(random.uniform(15, 45))
        random.choice(kinds)()
    for t in threads:
        t.join()
    failed = [s for _, _, s in results if s["state"] != "succeeded"]
    problems = [f"{len(failed)} jobs not succeeded"] if failed else []
    for avatar in avatars:
        versions = api_until_ok("GET", f"/adapters/{avatar.user}/{avatar.avatar}/versions")[1]
        if len(versions["versions"]) != avatar.succeeded:
            problems.append(f"{avatar.user}: {len(versions['versions'])} versions for {avatar.succeeded} succeeded jobs")
    for _, job, _ in results:
        if len(Hooks.received.get(job, set())) != 1:
            problems.append(f"job {job}: {len(Hooks.received.get(job, set()))} distinct webhooks")
    print(f"| soak: {faults} random faults | {len(results)} jobs on {len(avatars)} avatars | "
          f"{'; '.join(problems) or 'all succeeded, versions and webhooks exact'} | |", flush=True)
    return not problems


def main():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", WEBHOOK_PORT), Hooks)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    run_id = uuid.uuid4().hex[:6]
    avatar = Avatar(f"chaos-{run_id}")
    avatar.prepare()
    print(f"chaos ({MODE}) against {INGRESS}\n\n| fault | moment | outcome | seconds to end |\n|---|---|---|---|", flush=True)
    ok = all([run(avatar, *scenario) for scenario in (FULL if MODE == "full" else SHORT)])
    ok = removal_while_s3_is_down(avatar) and ok
    if MODE == "full":
        avatars = [Avatar(f"soak-{run_id}-{i}") for i in range(3)]
        for a in avatars:
            a.prepare()
        ok = soak(avatars) and ok
    server.shutdown()
    found = leaks()
    print("\nlogs: " + ("; ".join(found) if found else f"none of {len(NEVER_LOGGED)} secrets or user texts in any service's log"), flush=True)
    ok = ok and not found
    print("\nchaos: every job ended well" if ok else "\nchaos: FAILED", flush=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
