"""The PyTorch side of the training benchmark: the same model shapes, LoRA set-up and step as TrainingBench.

Forward + backward + AdamW step with LoRA (r=8, alpha=16, dropout 0.05; q_proj/v_proj for Llama, c_attn for
GPT-2) on random token ids, frozen fp32 base weights. The examples are plain text (every position a target), --chat
fixed (chat_targets) or --chat varied: the conversations TrainingBench wrote with --layout-out, read with --layout,
each run taking the same slice as TrainingBench's. The step is what a Hugging Face Trainer with
DataCollatorForSeq2Seq(padding=True) does: batches in the given order (the conversations are drawn at random, so
that order is a shuffled one), each right-padded to its longest example with labels -100 on padding and non-target
positions and, for the varied chat, an attention mask over the padding; full-vocabulary logits at every position
and cross_entropy(ignore_index=-100). Tokens/s counts real tokens, not padding. Prints the BLAS GFLOP/s of a
2048x2048 matmul, the median and spread of --runs measurements per model, the peak RSS and, given TrainingBench's
JSON, the TorchSharp/PyTorch ratio.

Usage: /usr/bin/python3 bench/training/bench_torch.py --threads 2 [--batch 4 --seq 256 --steps 10 --runs 5]
       [--models tiny-llama,llama-16m] [--chat [varied|fixed]] [--layout layout.json] [--attention explicit|sdpa]
       [--compare ts.json]
"""
import argparse
import json
import math
import resource
import statistics
import time

import torch
import torch.nn.functional as F

MODELS = {
    "tiny-llama": dict(arch="llama", vocab=272, hidden=64, inter=176, layers=2, heads=4, kv=2, head_dim=16),
    "tiny-gpt2": dict(arch="gpt2", vocab=272, hidden=64, inter=256, layers=2, heads=4, positions=512),
    "llama-16m": dict(arch="llama", vocab=8192, hidden=384, inter=1024, layers=6, heads=6, kv=2, head_dim=64),
    # Qwen2.5-0.5B's shapes: q/k/v bias, tied embeddings, rope theta 1e6.
    "qwen2.5-0.5b-shape": dict(arch="llama", vocab=151936, hidden=896, inter=4864, layers=24, heads=14, kv=2, head_dim=64,
                               qkv_bias=True, tied=True, theta=1000000.0),
}
ATTENTION = "explicit"
# Warm-up steps per run, on the examples before every run's (TrainingBench's warmup).
WARMUP = 2


def chat_targets(seq):
    """Which positions are targets in the fixed chat layout (--chat fixed, TrainingBench's ChatLayout): a 32-token
    system prompt, then turns of a 48-token user message and a 16-token assistant reply; the reply's tokens are targets."""
    targets = [False] * seq
    position = 32
    while position < seq:
        position += 48
        for i in range(position, min(position + 16, seq)):
            targets[i] = True
        position += 16
    return targets


class Lora(torch.nn.Module):
    def __init__(self, fan_in, fan_out, r=8, alpha=16, dropout=0.05):
        super().__init__()
        self.a = torch.nn.Parameter(torch.empty(r, fan_in))
        torch.nn.init.kaiming_uniform_(self.a, a=math.sqrt(5))
        self.b = torch.nn.Parameter(torch.zeros(fan_out, r))
        self.scale, self.dropout = alpha / r, dropout

    def forward(self, x, y):
        return y + F.linear(F.linear(F.dropout(x, self.dropout, self.training), self.a), self.b) * self.scale


def frozen(*shape, std=0.1, mean=0.0):
    return torch.randn(*shape) * std + mean


def causal_attention(q, k, v, mask=None):
    """mask: [batch, time], False on padding, or None."""
    t = q.shape[-2]
    blocked = torch.ones(t, t, dtype=torch.bool).triu(1)
    if mask is not None:
        blocked = blocked | ~mask[:, None, None, :]
    if ATTENTION == "sdpa":
        if mask is None:
            return F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return F.scaled_dot_product_attention(q, k, v, attn_mask=~blocked)
    scores = (q @ k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
    scores = scores.masked_fill(blocked, float("-inf"))
    return torch.softmax(scores, -1) @ v


class Llama(torch.nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        h, d, kvd = c["hidden"], c["heads"] * c["head_dim"], c["kv"] * c["head_dim"]
        self.embed, self.norm = frozen(c["vocab"], h), frozen(h, mean=1)
        self.head = self.embed if c.get("tied") else frozen(c["vocab"], h)
        bias = c.get("qkv_bias", False)
        self.layers = [dict(n1=frozen(h, mean=1), n2=frozen(h, mean=1), q=frozen(d, h), k=frozen(kvd, h), v=frozen(kvd, h),
                            qb=frozen(d) if bias else None, kb=frozen(kvd) if bias else None, vb=frozen(kvd) if bias else None,
                            o=frozen(h, d), gate=frozen(c["inter"], h), up=frozen(c["inter"], h), down=frozen(h, c["inter"]))
                       for _ in range(c["layers"])]
        self.lora = torch.nn.ModuleList([torch.nn.ModuleDict(dict(q=Lora(h, d), v=Lora(h, kvd))) for _ in range(c["layers"])])

    def forward(self, ids, mask=None):
        c, (b, t) = self.c, ids.shape
        hd = c["head_dim"]
        inv = 1.0 / (c.get("theta", 10000.0) ** (torch.arange(0, hd, 2).float() / hd))
        ang = torch.outer(torch.arange(t).float(), inv)
        cos, sin = torch.cat([ang, ang], -1).cos(), torch.cat([ang, ang], -1).sin()

        def rope(x):
            x1, x2 = x[..., : hd // 2], x[..., hd // 2:]
            return x * cos + torch.cat([-x2, x1], -1) * sin

        def rms(x, w):
            return w * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6))

        x = self.embed[ids]
        for w, lora in zip(self.layers, self.lora):
            n = rms(x, w["n1"])
            q = lora["q"](n, F.linear(n, w["q"], w["qb"])).view(b, t, c["heads"], hd).transpose(1, 2)
            k = F.linear(n, w["k"], w["kb"]).view(b, t, c["kv"], hd).transpose(1, 2)
            v = lora["v"](n, F.linear(n, w["v"], w["vb"])).view(b, t, c["kv"], hd).transpose(1, 2)
            q, k = rope(q), rope(k)
            k = k.repeat_interleave(c["heads"] // c["kv"], 1)
            v = v.repeat_interleave(c["heads"] // c["kv"], 1)
            x = x + F.linear(causal_attention(q, k, v, mask).transpose(1, 2).reshape(b, t, -1), w["o"])
            n = rms(x, w["n2"])
            x = x + F.linear(F.silu(F.linear(n, w["gate"])) * F.linear(n, w["up"]), w["down"])
        return F.linear(rms(x, self.norm), self.head)


class Gpt2(torch.nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        h = c["hidden"]
        self.wte, self.wpe = frozen(c["vocab"], h), frozen(c["positions"], h)
        self.lnf = (frozen(h, mean=1), frozen(h))
        self.layers = [dict(ln1=(frozen(h, mean=1), frozen(h)), ln2=(frozen(h, mean=1), frozen(h)),
                            attn=(frozen(3 * h, h), frozen(3 * h)), proj=(frozen(h, h), frozen(h)),
                            fc=(frozen(c["inter"], h), frozen(c["inter"])), out=(frozen(h, c["inter"]), frozen(h)))
                       for _ in range(c["layers"])]
        self.lora = torch.nn.ModuleList([Lora(h, 3 * h) for _ in range(c["layers"])])

    def forward(self, ids, mask=None):
        c, (b, t) = self.c, ids.shape
        h, heads = c["hidden"], c["heads"]
        x = self.wte[ids] + self.wpe[:t]
        for w, lora in zip(self.layers, self.lora):
            n = F.layer_norm(x, (h,), *w["ln1"])
            q, k, v = lora(n, F.linear(n, *w["attn"])).split(h, -1)
            q, k, v = (z.view(b, t, heads, h // heads).transpose(1, 2) for z in (q, k, v))
            x = x + F.linear(causal_attention(q, k, v, mask).transpose(1, 2).reshape(b, t, h), *w["proj"])
            n = F.layer_norm(x, (h,), *w["ln2"])
            x = x + F.linear(F.gelu(F.linear(n, *w["fc"]), approximate="tanh"), *w["out"])
        return F.linear(F.layer_norm(x, (h,), *self.lnf), self.wte)


def collate(examples, pad_id=0):
    """What DataCollatorForSeq2Seq(padding=True) hands the model: input ids right-padded to the longest example, labels
    (the ids where a target is) -100 on padding and non-targets, and the attention mask, False on padding."""
    length = max(len(ids) for ids, _ in examples)
    input_ids = torch.full((len(examples), length), pad_id, dtype=torch.long)
    labels = torch.full_like(input_ids, -100)
    attention = torch.zeros(len(examples), length, dtype=torch.bool)
    for row, (ids, targets) in enumerate(examples):
        input_ids[row, : len(ids)] = ids
        labels[row, : len(ids)] = ids.masked_fill(~targets, -100)
        attention[row, : len(ids)] = True
    return input_ids, labels, attention


def measure(model, vocab, warmup, measured, batch, attention_mask):
    """Tokens/s over the measured examples (after a step per batch of the warm-up's), and the real tokens, positions
    computed and targets. The examples: (token ids, target mask) pairs, batched in order."""
    params = list(model.parameters())
    opt = torch.optim.AdamW(params, lr=2e-4, weight_decay=0.0)
    model.train()

    def step(examples):
        ids, labels, mask = collate(examples)
        logits = model(ids, mask if attention_mask else None)
        loss = F.cross_entropy(logits[:, :-1].reshape(-1, vocab), labels[:, 1:].reshape(-1), ignore_index=-100)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        opt.zero_grad()
        return int(mask.sum()), ids.numel(), int((labels[:, 1:] != -100).sum())

    for i in range(0, len(warmup), batch):
        step(warmup[i: i + batch])
    start = time.perf_counter()
    counts = [step(measured[i: i + batch]) for i in range(0, len(measured), batch)]
    elapsed = time.perf_counter() - start
    tokens, positions, targets = (sum(c) for c in zip(*counts))
    return tokens / elapsed, tokens, positions, targets


def conversations(a):
    """The target masks of every example the runs use: the warm-up's, then each run's steps x batch."""
    count = (WARMUP + a.runs * a.steps) * a.batch
    if a.layout:
        with open(a.layout) as f:
            layout = json.load(f)
        plan = dict(seq=a.seq, batch=a.batch, steps=a.steps, runs=a.runs, warmup=WARMUP)
        drawn_for = {k: layout[k] for k in plan}
        if drawn_for != plan:
            raise SystemExit(f"{a.layout} was drawn for {drawn_for}, not {plan}")
        masks = [[c == "1" for c in e["targets"]] for e in layout["examples"]]
        assert all(len(m) == e["length"] for m, e in zip(masks, layout["examples"])) and len(masks) == count
        return masks
    if a.chat == "varied":
        raise SystemExit("--chat varied needs --layout (TrainingBench --chat varied --layout-out)")
    return [chat_targets(a.seq) if a.chat == "fixed" else [True] * a.seq] * count


def run_check(run, masks):
    """The line TrainingBench's RunCheck prints for a run's examples, to show both sides trained on the same data."""
    lengths = " ".join(str(len(m)) for m in masks)
    return (f"    run {run + 1}: {len(masks)} examples, {sum(len(m) for m in masks)} tokens, "
            f"{sum(sum(m[1:]) for m in masks)} targets; lengths {lengths}")


def matmul_gflops(n=2048, repeats=5):
    a, b = torch.randn(n, n), torch.randn(n, n)
    a @ b
    start = time.perf_counter()
    for _ in range(repeats):
        a @ b
    return 2 * n ** 3 * repeats / (time.perf_counter() - start) / 1e9


def summary(values):
    median = statistics.median(values)
    return median, f"{median:.0f} ({min(values):.0f}-{max(values):.0f}, n={len(values)})"


def main():
    global ATTENTION
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--models", default="tiny-llama,tiny-gpt2,llama-16m")
    p.add_argument("--chat", nargs="?", const="varied", choices=["varied", "fixed"])
    p.add_argument("--layout")
    p.add_argument("--attention", choices=["explicit", "sdpa"], default="explicit")
    p.add_argument("--compare")
    a = p.parse_args()
    if a.attention == "sdpa" and not hasattr(F, "scaled_dot_product_attention"):
        p.error(f"torch {torch.__version__} has no scaled_dot_product_attention; use --attention explicit")
    ATTENTION = a.attention
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    theirs = {}
    if a.compare:
        with open(a.compare) as f:
            theirs = {r["model"]: r for r in json.load(f)["results"]}
    data = {"varied": "varied-length chat, assistant-only targets, padded per batch",
            "fixed": "fixed-layout chat, assistant-only targets"}.get(a.chat, "every position a target")
    masks = conversations(a)
    print(f"PyTorch {torch.__version__}, {a.threads} threads, batch {a.batch} x {a.seq} tokens ({data}), attention {a.attention}, "
          f"BLAS {matmul_gflops():.1f} GFLOP/s (2048x2048 matmul)")
    print(f"  {'model':<19} {'PyTorch tok/s median (min-max)':>34} {'TorchSharp tok/s median':>24} {'TorchSharp/PyTorch':>19}"
          f"  padding, targets: PyTorch | TorchSharp (of the positions computed)")
    ratio = None
    for name in a.models.split(","):
        c = MODELS[name]
        model = Llama(c) if c["arch"] == "llama" else Gpt2(c)
        runs = []
        for run in range(a.runs):
            first = (WARMUP + run * a.steps) * a.batch
            examples = [(torch.randint(c["vocab"], (len(m),)), torch.tensor(m)) for m in masks[first: first + a.steps * a.batch]]
            warmup = [(torch.randint(c["vocab"], (len(m),)), torch.tensor(m)) for m in masks[: WARMUP * a.batch]]
            if a.chat == "varied":
                print(run_check(run, masks[first: first + a.steps * a.batch]))
            runs.append(measure(model, c["vocab"], warmup, examples, a.batch, attention_mask=a.chat == "varied"))
        median, text = summary([r[0] for r in runs])
        tokens, positions, targets = (sum(r[i] for r in runs) for i in (1, 2, 3))
        pt_fractions = f"{100 * (1 - tokens / positions):.1f}%, {100 * targets / positions:.1f}%"
        ts_result = theirs.get(name, {})
        ts = ts_result.get("tokens_per_second_median")
        ratio = ts / median if ts else None
        ts_fractions = (f"{100 * ts_result['padding_fraction']:.1f}%, {100 * ts_result['target_fraction']:.1f}%"
                        if "padding_fraction" in ts_result else "-")
        print(f"  {name:<19} {text:>34} {ts or 0:24.0f} {f'{ratio:.2f}x' if ratio else '-':>19}  {pt_fractions} | {ts_fractions}")
        del model
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS {peak:.0f} MiB")
    if ratio is not None:
        label = a.models.split(",")[-1] + {"varied": " chat", "fixed": " fixed chat"}.get(a.chat, "")
        print(f"training: TorchSharp/PyTorch {ratio:.2f}x on {label} ({a.threads} threads)")


if __name__ == "__main__":
    main()
