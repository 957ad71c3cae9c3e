"""Independent forward pass for the reference models, to check the C# implementation against.

Reads each model directory the C# side wrote (config.json + model.safetensors), runs the forward pass written out
here in plain torch (no transformers), and writes the logits for a fixed batch of token ids as
<output>/<model>.safetensors with the SHA-256 of the weights it read in the metadata. For real vocabularies the
file keeps every 64th column of the logits ("columns") and each position's log-sum-exp over the whole vocabulary,
so it stays small.

Usage: /usr/bin/python3 tools/reference/reference_forward.py MODELS_DIR OUTPUT_DIR [MODEL ...]
"""
import hashlib
import json
import math
import os
import struct
import sys

import torch

INPUT_IDS = [
    [72, 101, 108, 108, 111, 44, 32, 119, 111, 114, 108, 100, 33, 264, 3, 200],
    [256, 257, 258, 10, 0, 1, 2, 255, 100, 150, 266, 265, 32, 32, 50, 7],
]

DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "I64": torch.int64}


def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_len])
    base = 8 + header_len
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        buf = bytearray(data[base + begin:base + end])
        t = torch.frombuffer(buf, dtype=DTYPES[entry["dtype"]]) if buf else torch.empty(0, dtype=DTYPES[entry["dtype"]])
        tensors[name] = t.reshape(entry["shape"]).clone()
    return tensors, hashlib.sha256(data).hexdigest()


def write_safetensors(path, tensors, metadata):
    header = {"__metadata__": metadata}
    offset = 0
    blobs = []
    for name in sorted(tensors):
        t = tensors[name].contiguous()
        blob = t.numpy().tobytes()
        dtype = {torch.float32: "F32", torch.int64: "I64"}[t.dtype]
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for blob in blobs:
            f.write(blob)


def causal_attention(q, k, v):
    # q, k, v: [batch, heads, time, head_dim]
    t = q.shape[-2]
    scores = (q @ k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
    mask = torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)
    scores = scores.masked_fill(mask, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v


def rms_norm(x, weight, eps):
    return weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))


def rope_frequencies(cfg, head_dim):
    # transformers 5 writes rope_parameters; older configs rope_theta and rope_scaling.
    rope = cfg.get("rope_parameters") or dict(cfg.get("rope_scaling") or {}, rope_theta=cfg.get("rope_theta", 10000.0))
    inv_freq = 1.0 / (rope["rope_theta"] ** (torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim))
    kind = rope.get("rope_type", rope.get("type", "default"))
    if kind == "linear":
        return inv_freq / rope["factor"]
    if kind == "llama3":
        # Meta's apply_scaling: long wavelengths slowed by the factor, short ones kept, a linear blend between.
        factor, low, high = rope["factor"], rope["low_freq_factor"], rope["high_freq_factor"]
        old = rope["original_max_position_embeddings"]
        out = []
        for f in inv_freq.tolist():
            wavelength = 2 * math.pi / f
            if wavelength < old / high:
                out.append(f)
            elif wavelength > old / low:
                out.append(f / factor)
            else:
                smooth = (old / wavelength - low) / (high - low)
                out.append((1 - smooth) * f / factor + smooth * f)
        return torch.tensor(out, dtype=torch.float64)
    assert kind in ("default", "dynamic"), kind
    return inv_freq


def llama_forward(cfg, w, ids):
    b, t = ids.shape
    heads, kv_heads = cfg["num_attention_heads"], cfg["num_key_value_heads"]
    head_dim = cfg.get("head_dim") or cfg["hidden_size"] // heads
    eps = cfg["rms_norm_eps"]
    bias = cfg["model_type"] == "qwen2"
    qk_norm = cfg["model_type"] == "qwen3"

    inv_freq = rope_frequencies(cfg, head_dim)
    angles = torch.arange(t, dtype=torch.float64)[:, None] * inv_freq[None, :]
    cos, sin = angles.cos().float(), angles.sin().float()

    def rope(x):
        # Rotate each (i, i + d/2) pair of coordinates by its angle.
        half = head_dim // 2
        x1, x2 = x[..., :half], x[..., half:]
        return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim=-1)

    def lin(x, name, with_bias=False):
        y = x @ w[name + ".weight"].T
        return y + w[name + ".bias"] if with_bias else y

    h = w["model.embed_tokens.weight"][ids]
    for i in range(cfg["num_hidden_layers"]):
        p = f"model.layers.{i}"
        x = rms_norm(h, w[p + ".input_layernorm.weight"], eps)
        q = lin(x, p + ".self_attn.q_proj", bias).view(b, t, heads, head_dim)
        k = lin(x, p + ".self_attn.k_proj", bias).view(b, t, kv_heads, head_dim)
        if qk_norm:
            q = rms_norm(q, w[p + ".self_attn.q_norm.weight"], eps)
            k = rms_norm(k, w[p + ".self_attn.k_norm.weight"], eps)
        q, k = q.transpose(1, 2), k.transpose(1, 2)
        v = lin(x, p + ".self_attn.v_proj", bias).view(b, t, kv_heads, head_dim).transpose(1, 2)
        q, k = rope(q), rope(k)
        group = heads // kv_heads
        k = torch.stack([k[:, j // group] for j in range(heads)], dim=1)
        v = torch.stack([v[:, j // group] for j in range(heads)], dim=1)
        a = causal_attention(q, k, v).transpose(1, 2).reshape(b, t, heads * head_dim)
        h = h + lin(a, p + ".self_attn.o_proj")
        x = rms_norm(h, w[p + ".post_attention_layernorm.weight"], eps)
        gate = lin(x, p + ".mlp.gate_proj")
        h = h + lin(gate * torch.sigmoid(gate) * lin(x, p + ".mlp.up_proj"), p + ".mlp.down_proj")
    h = rms_norm(h, w["model.norm.weight"], eps)
    head = w["model.embed_tokens.weight"] if cfg.get("tie_word_embeddings") else w["lm_head.weight"]
    return h @ head.T


def gpt2_forward(cfg, w, ids):
    b, t = ids.shape
    heads, hidden = cfg["n_head"], cfg["n_embd"]
    eps = cfg["layer_norm_epsilon"]

    def layer_norm(x, name):
        mean = x.mean(-1, keepdim=True)
        var = ((x - mean) ** 2).mean(-1, keepdim=True)
        return (x - mean) / torch.sqrt(var + eps) * w[name + ".weight"] + w[name + ".bias"]

    def conv1d(x, name):
        # GPT-2 stores these weights [in, out].
        return x @ w[name + ".weight"] + w[name + ".bias"]

    def gelu_new(x):
        return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))

    h = w["transformer.wte.weight"][ids] + w["transformer.wpe.weight"][:t]
    for i in range(cfg["n_layer"]):
        p = f"transformer.h.{i}"
        x = layer_norm(h, p + ".ln_1")
        q, k, v = conv1d(x, p + ".attn.c_attn").split(hidden, dim=-1)
        q, k, v = (z.view(b, t, heads, hidden // heads).transpose(1, 2) for z in (q, k, v))
        a = causal_attention(q, k, v).transpose(1, 2).reshape(b, t, hidden)
        h = h + conv1d(a, p + ".attn.c_proj")
        x = layer_norm(h, p + ".ln_2")
        h = h + conv1d(gelu_new(conv1d(x, p + ".mlp.c_fc")), p + ".mlp.c_proj")
    h = layer_norm(h, "transformer.ln_f")
    return h @ w["transformer.wte.weight"].T


def input_ids(vocab):
    if vocab <= 1000:
        return torch.tensor(INPUT_IDS, dtype=torch.int64)
    # Spread over the whole vocabulary, so rows far from the start of the embedding are read too.
    return torch.tensor([[(7919 * (i + 16 * row) + 13) % vocab for i in range(16)] for row in range(2)], dtype=torch.int64)


def main(models_dir, output_dir, only=None):
    os.makedirs(output_dir, exist_ok=True)
    for name in sorted(os.listdir(models_dir)):
        if only and name not in only:
            continue
        directory = os.path.join(models_dir, name)
        with open(os.path.join(directory, "config.json")) as f:
            cfg = json.load(f)
        weights, sha = read_safetensors(os.path.join(directory, "model.safetensors"))
        weights = {k: v.double() for k, v in weights.items()}
        forward = gpt2_forward if cfg["model_type"] == "gpt2" else llama_forward
        ids = input_ids(cfg["vocab_size"])
        with torch.no_grad():
            logits = forward(cfg, weights, ids)
        del weights
        recorded = {"input_ids": ids}
        if cfg["vocab_size"] > 1000:
            columns = torch.arange(0, cfg["vocab_size"], 64, dtype=torch.int64)
            recorded.update(columns=columns, logits=logits[..., columns].float(), logsumexp=logits.logsumexp(-1).float())
        else:
            recorded["logits"] = logits.float()
        write_safetensors(os.path.join(output_dir, name + ".safetensors"), recorded,
                          {"weights_sha256": sha, "torch": torch.__version__})
        print(f"{name}: logits {tuple(logits.shape)}, weights sha256 {sha[:12]}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
