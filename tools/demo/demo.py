#!/usr/bin/python3
"""The system's main job, end to end through the public HTTP API, printing each step:
upload sample training files -> train an adapter on the built-in tiny base model -> receive the signed completion
webhook -> download the adapter ZIP and list what is in it -> chat with the trained avatar (streamed, through the
OpenAI-compatible API).

Steps whose endpoints the running system does not offer are reported as missing, never faked.
Standard library only, so it runs on a fresh Debian machine.
"""
import base64
import hashlib
import hmac
import http.server
import io
import json
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from pathlib import Path

INGRESS = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
WEBHOOK_PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 8099
SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "training-data"
# The service key `./dev.sh up` made; every call sends it.
API_KEY = (Path(__file__).resolve().parents[2] / ".local" / "dev-api-key").read_text().strip()
# A fresh user per run: subscriptions of earlier runs (with their own secrets) would also be notified.
USER, AVATAR = "demo-" + uuid.uuid4().hex[:8], "ada"


def step(text):
    print(f"\n\033[1m--> {text}\033[0m", flush=True)


def request(method, path, body=None, headers=None, raw=False):
    data = body
    headers = dict(headers or {})
    headers["Authorization"] = f"Bearer {API_KEY}"
    if body is not None and not isinstance(body, (bytes, bytearray)):
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(INGRESS + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            content = resp.read()
            return resp.status, dict(resp.headers), content if raw else _json(content)
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), _json(err.read())


def chat_stream(model, message):
    """One streamed chat completion: prints each piece as its server-sent event arrives; returns (text, finish)."""
    body = json.dumps({"model": model, "messages": [{"role": "user", "content": message}],
                       "stream": True, "max_tokens": 48, "temperature": 0.7, "seed": 7}).encode()
    req = urllib.request.Request(INGRESS + "/v1/chat/completions", data=body, method="POST", headers={
        "Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json", "Accept": "text/event-stream"})
    text, finish = [], None
    print("    ", end="", flush=True)
    try:
        with urllib.request.urlopen(req, timeout=120) as resp:
            for raw in resp:
                line = raw.decode().strip()
                if not line.startswith("data:"):
                    continue
                data = line[5:].strip()
                if data == "[DONE]":
                    break
                for choice in json.loads(data).get("choices", []):
                    piece = choice.get("delta", {}).get("content") or ""
                    text.append(piece)
                    print("".join(c if c.isprintable() else " " for c in piece), end="", flush=True)
                    finish = choice.get("finish_reason") or finish
    except urllib.error.HTTPError as err:
        sys.exit(f"chat failed: {err.code} {_json(err.read())}")
    return "".join(text), finish


def _json(content):
    try:
        return json.loads(content) if content else None
    except ValueError:
        return content.decode(errors="replace")


def multipart(files):
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    for path in files:
        kind = {".md": "text/markdown", ".jsonl": "application/jsonl", ".txt": "text/plain"}.get(path.suffix, "text/plain")
        out.write(f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{path.name}\"\r\n"
                  f"Content-Type: {kind}\r\n\r\n".encode())
        out.write(path.read_bytes())
        out.write(b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


class WebhookReceiver(http.server.BaseHTTPRequestHandler):
    received = []
    arrived = threading.Event()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        WebhookReceiver.received.append((dict(self.headers), body))
        WebhookReceiver.arrived.set()
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def verify_signature(secret, headers, body):
    """Standard Webhooks: v1,base64(HMAC-SHA256(key, id.timestamp.body)) with key = base64 part of whsec_..."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(sig == f"v1,{expected}" for sig in headers["webhook-signature"].split())


def main():
    missing = []
    status, _, openapi = request("GET", "/openapi/v1.json")
    paths = set((openapi or {}).get("paths", {}).keys()) if status == 200 else set()

    def offers(path):
        if path in paths:
            return True
        missing.append(path)
        print(f"    not available yet: {path}")
        return False

    step("readiness")
    status, _, ready = request("GET", "/health/ready")
    print(f"    {status} " + ", ".join(f"{c['name']}={c['status']}" for c in ready["checks"]))
    if status != 200:
        sys.exit("the system is not ready")

    step("every service answers on the bus")
    status, _, ping = request("POST", "/diagnostics/ping?wait_ms=15000")
    for answer in ping["answers"]:
        print(f"    {answer['service']:<17} {answer['instance']:<14} {answer.get('detail') or ''}")
    if ping["missing"]:
        sys.exit(f"no answer from {', '.join(ping['missing'])}")

    base = f"/training-data/{USER}/{AVATAR}"
    step(f"upload the sample training files for avatar {USER}/{AVATAR}")
    if offers("/training-data/{user_id}/{avatar_id}/upload"):
        body, headers = multipart(sorted(SAMPLES.glob("*")))
        status, _, stored = request("POST", f"{base}/upload?use_for_training=true", body, headers)
        if status >= 300:
            sys.exit(f"upload failed: {status} {stored}")
        for f in stored["files"] if isinstance(stored, dict) else stored:
            print(f"    {f['file_name']:<22} {f['size_bytes']:>6} bytes  sha256 {f['sha256'][:16]}…")
        request("PUT", f"{base}/drafts.txt/training-flag", {"use_for_training": False})
        status, _, metadata = request("GET", f"{base}/metadata")
        print(f"    metadata.json: {json.dumps(metadata)}")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", WEBHOOK_PORT), WebhookReceiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = None
    step(f"subscribe a webhook receiver at http://127.0.0.1:{WEBHOOK_PORT}/hooks")
    if offers("/webhooks/{user_id}/subscriptions"):
        status, _, sub = request("POST", f"/webhooks/{USER}/subscriptions",
                                 {"url": f"http://127.0.0.1:{WEBHOOK_PORT}/hooks",
                                  "events": ["adapter.training.succeeded", "adapter.training.failed"]})
        if status >= 300:
            sys.exit(f"subscription failed: {status} {sub}")
        secret = sub["secret"]
        print(f"    subscription {sub['subscription_id']} (secret kept by the receiver)")

    job = None
    step("train an adapter on the built-in tiny-llama base model")
    if offers("/adapters/{user_id}/{avatar_id}/train"):
        status, headers, job = request("POST", f"/adapters/{USER}/{AVATAR}/train",
                                       {"num_epochs": 30, "batch_size": 2, "learning_rate": 2e-3, "base_model": "tiny-llama"},
                                       {"Idempotency-Key": uuid.uuid4().hex})
        if status != 202:
            sys.exit(f"train was refused: {status} {job}")
        print(f"    202 Accepted, job {job['job_id']}, Location: {headers.get('Location')}")

    if job and offers("/jobs/{job_id}"):
        step("follow the job")
        last = None
        deadline = time.time() + 900
        while time.time() < deadline:
            _, _, state = request("GET", f"/jobs/{job['job_id']}")
            line = f"    {state['state']:<10} {state.get('progress_percent', 0):>5.1f}%  step {state.get('step')}/{state.get('total_steps')}  loss {state.get('loss')}"
            if line != last:
                print(line, flush=True)
                last = line
            if state["state"] in ("succeeded", "failed", "cancelled"):
                break
            time.sleep(1)
        if state["state"] != "succeeded":
            sys.exit(f"the job ended {state['state']}: {state.get('error')}")

    if job and secret:
        step("wait for the completion webhook and verify its signature")
        if not WebhookReceiver.arrived.wait(120):
            sys.exit("no webhook arrived")
        headers, body = WebhookReceiver.received[0]
        headers = {k.lower(): v for k, v in headers.items()}
        event = json.loads(body)
        valid = verify_signature(secret, headers, body)
        print(f"    {event['type']} for job {event['data'].get('job_id')}; signature valid: {valid}")
        if not valid:
            sys.exit("the webhook's signature did not verify")

    step("download the adapter ZIP and list it")
    if offers("/adapters/{user_id}/{avatar_id}"):
        status, headers, content = request("GET", f"/adapters/{USER}/{AVATAR}", raw=True)
        if status != 200:
            sys.exit(f"download failed: {status}")
        print(f"    version {headers.get('X-Adapter-Version')}, trained {headers.get('X-Adapter-Trained')}, "
              f"base model {headers.get('X-Base-Model')}, {len(content)} bytes")
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for info in archive.infolist():
                print(f"    {info.file_size:>9}  {info.filename}")

    if job and offers("/v1/chat/completions"):
        if offers("/avatars/{user_id}/{avatar_id}/system-prompt"):
            step("give the avatar a system prompt")
            status, _, prompt = request("PUT", f"/avatars/{USER}/{AVATAR}/system-prompt",
                                        {"system_prompt": "You are Ada, a friendly guide to this system."})
            if status != 200:
                sys.exit(f"the system prompt was refused: {status} {prompt}")
            print(f"    set at {prompt.get('updated_at')}")
        step(f"chat with {USER}/{AVATAR} (streamed, OpenAI-compatible)")
        print("    > Tell me about the pipeline.")
        text, finish = chat_stream(f"{USER}/{AVATAR}", "Tell me about the pipeline.")
        print(f"\n    finish_reason: {finish}")
        if not text:
            sys.exit("the avatar answered nothing")

    server.shutdown()
    if missing:
        print(f"\nThe demo ran every step the system offers; still missing: {', '.join(missing)}")
    else:
        print("\nThe whole pipeline ran end to end.")


if __name__ == "__main__":
    main()
