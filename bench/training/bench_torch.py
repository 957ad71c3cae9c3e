"""The PyTorch side of the training benchmark: the same model shapes, LoRA set-up and step as TrainingBench.

Forward + backward + AdamW step with LoRA (r=8, alpha=16, dropout 0.05; q_proj/v_proj for Llama, c_attn for
GPT-2) on random token ids, frozen fp32 base weights. Prints tokens/s and, given TrainingBench's JSON, the
TorchSharp/PyTorch ratio.

Usage: /usr/bin/python3 bench/training/bench_torch.py --threads 2 [--batch 4 --seq 256 --steps 10] [--compare ts.json]
"""
import argparse
import json
import math
import time

import torch
import torch.nn.functional as F

MODELS = {
    "tiny-llama": dict(arch="llama", vocab=272, hidden=64, inter=176, layers=2, heads=4, kv=2, head_dim=16),
    "tiny-gpt2": dict(arch="gpt2", vocab=272, hidden=64, inter=256, layers=2, heads=4, positions=512),
    "llama-16m": dict(arch="llama", vocab=8192, hidden=384, inter=1024, layers=6, heads=6, kv=2, head_dim=64),
}


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


def causal_attention(q, k, v):
    t = q.shape[-2]
    scores = (q @ k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
    scores = scores.masked_fill(torch.ones(t, t, dtype=torch.bool).triu(1), float("-inf"))
    return torch.softmax(scores, -1) @ v


class Llama(torch.nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        h, d, kvd = c["hidden"], c["heads"] * c["head_dim"], c["kv"] * c["head_dim"]
        self.embed, self.head, self.norm = frozen(c["vocab"], h), frozen(c["vocab"], h), frozen(h, mean=1)
        self.layers = [dict(n1=frozen(h, mean=1), n2=frozen(h, mean=1), q=frozen(d, h), k=frozen(kvd, h), v=frozen(kvd, h),
                            o=frozen(h, d), gate=frozen(c["inter"], h), up=frozen(c["inter"], h), down=frozen(h, c["inter"]))
                       for _ in range(c["layers"])]
        self.lora = torch.nn.ModuleList([torch.nn.ModuleDict(dict(q=Lora(h, d), v=Lora(h, kvd))) for _ in range(c["layers"])])

    def forward(self, ids):
        c, (b, t) = self.c, ids.shape
        hd = c["head_dim"]
        inv = 1.0 / (10000 ** (torch.arange(0, hd, 2).float() / hd))
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
            q = lora["q"](n, F.linear(n, w["q"])).view(b, t, c["heads"], hd).transpose(1, 2)
            k = F.linear(n, w["k"]).view(b, t, c["kv"], hd).transpose(1, 2)
            v = lora["v"](n, F.linear(n, w["v"])).view(b, t, c["kv"], hd).transpose(1, 2)
            q, k = rope(q), rope(k)
            k = k.repeat_interleave(c["heads"] // c["kv"], 1)
            v = v.repeat_interleave(c["heads"] // c["kv"], 1)
            x = x + F.linear(causal_attention(q, k, v).transpose(1, 2).reshape(b, t, -1), w["o"])
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

    def forward(self, ids):
        c, (b, t) = self.c, ids.shape
        h, heads = c["hidden"], c["heads"]
        x = self.wte[ids] + self.wpe[:t]
        for w, lora in zip(self.layers, self.lora):
            n = F.layer_norm(x, (h,), *w["ln1"])
            q, k, v = lora(n, F.linear(n, *w["attn"])).split(h, -1)
            q, k, v = (z.view(b, t, heads, h // heads).transpose(1, 2) for z in (q, k, v))
            x = x + F.linear(causal_attention(q, k, v).transpose(1, 2).reshape(b, t, h), *w["proj"])
            n = F.layer_norm(x, (h,), *w["ln2"])
            x = x + F.linear(F.gelu(F.linear(n, *w["fc"]), approximate="tanh"), *w["out"])
        return F.linear(F.layer_norm(x, (h,), *self.lnf), self.wte)


def measure(model, vocab, batch, seq, steps, warmup=3):
    params = list(model.parameters())
    opt = torch.optim.AdamW(params, lr=2e-4, weight_decay=0.0)
    model.train()
    for step in range(warmup + steps):
        if step == warmup:
            start = time.perf_counter()
        ids = torch.randint(vocab, (batch, seq))
        logits = model(ids)
        loss = F.cross_entropy(logits[:, :-1].reshape(-1, vocab), ids[:, 1:].reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        opt.zero_grad()
    return steps * batch * seq / (time.perf_counter() - start)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--compare")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(42)
    theirs = {}
    if a.compare:
        with open(a.compare) as f:
            theirs = {r["model"]: r["tokens_per_second"] for r in json.load(f)["results"]}
    print(f"PyTorch {torch.__version__}, {a.threads} threads, batch {a.batch} x {a.seq} tokens")
    print(f"  {'model':<11} {'PyTorch tok/s':>14} {'TorchSharp tok/s':>17} {'TorchSharp/PyTorch':>19}")
    for name, c in MODELS.items():
        model = Llama(c) if c["arch"] == "llama" else Gpt2(c)
        tps = measure(model, c["vocab"], a.batch, a.seq, a.steps)
        ts = theirs.get(name)
        ratio = f"{ts / tps:.2f}x" if ts else "-"
        print(f"  {name:<11} {tps:14.0f} {ts or 0:17.0f} {ratio:>19}")


if __name__ == "__main__":
    main()
