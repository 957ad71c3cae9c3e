"""Loads adapters this system produced with Hugging Face transformers + PEFT, the way a serving stack would.

For each adapter ZIP given:
- the base model directory (config.json + model.safetensors, as the training worker writes it) loads with
  transformers' AutoModelForCausalLM, and its logits for the reference input equal the stored reference logits
  (tests/TrainingWorker.Tests/Reference/<model>.safetensors, which the C# forward pass is tested against);
- PeftModel.from_pretrained accepts the adapter with every tensor matched (no missing or unexpected LoRA keys);
- the adapter's logits equal those of the base model with W + B·A·alpha/r merged by hand (so PEFT reads the
  tensor names, shapes, scaling and fan_in_fan_out as we mean them);
- an untrained adapter (B = 0) leaves the logits unchanged, a trained one changes them.

Needs torch, transformers, peft and safetensors (not in Debian 12); it is run where those are installed:
    python3 tools/peft-check/check_peft.py BASE_MODEL_DIR REFERENCE.safetensors ADAPTER.zip [ADAPTER.zip ...]
Exits non-zero on any mismatch.
"""
import json
import sys
import tempfile
import zipfile

import torch
from peft import PeftModel
from safetensors.torch import load_file
from transformers import AutoModelForCausalLM

TOLERANCE = 1e-4


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        check.failed = True


check.failed = False


def merged_logits(base_dir, adapter_dir, input_ids):
    config = json.load(open(f"{adapter_dir}/adapter_config.json"))
    scale = config["lora_alpha"] / config["r"]
    weights = load_file(f"{adapter_dir}/adapter_model.safetensors")
    model = AutoModelForCausalLM.from_pretrained(base_dir, torch_dtype=torch.float32).eval()
    state = model.state_dict()
    for name, a in weights.items():
        if not name.endswith(".lora_A.weight"):
            continue
        b = weights[name.replace("lora_A", "lora_B")]
        target = name.removeprefix("base_model.model.").replace(".lora_A.weight", ".weight")
        delta = (b.float() @ a.float()) * scale
        state[target] += delta.T if config["fan_in_fan_out"] else delta
    model.load_state_dict(state)
    with torch.no_grad():
        return model(input_ids).logits


def main(base_dir, reference_path, zips):
    reference = load_file(reference_path)
    input_ids = reference["input_ids"].long()
    base = AutoModelForCausalLM.from_pretrained(base_dir, torch_dtype=torch.float32).eval()
    with torch.no_grad():
        base_logits = base(input_ids).logits
    diff = (base_logits - reference["logits"]).abs().max().item()
    check(diff < TOLERANCE, f"transformers' forward of {base_dir} matches the reference logits (max abs diff {diff:.2e})")

    for path in zips:
        with tempfile.TemporaryDirectory() as adapter_dir:
            zipfile.ZipFile(path).extractall(adapter_dir)
            config = json.load(open(f"{adapter_dir}/adapter_config.json"))
            tensors = load_file(f"{adapter_dir}/adapter_model.safetensors")
            fresh = AutoModelForCausalLM.from_pretrained(base_dir, torch_dtype=torch.float32).eval()
            peft_model = PeftModel.from_pretrained(fresh, adapter_dir).eval()
            loaded = {k: v for k, v in peft_model.state_dict().items() if "lora_" in k}
            expected = {k.replace(".weight", ".default.weight") for k in tensors}
            check(set(loaded) == expected, f"{path}: PEFT loaded every tensor and no other ({len(loaded)} LoRA tensors)")
            same = all(torch.equal(loaded[k.replace(".weight", ".default.weight")], v) for k, v in tensors.items())
            check(same, f"{path}: the loaded LoRA weights are the file's, bit for bit")
            with torch.no_grad():
                adapter_logits = peft_model(input_ids).logits
            merged = merged_logits(base_dir, adapter_dir, input_ids)
            diff = (adapter_logits - merged).abs().max().item()
            check(diff < TOLERANCE, f"{path}: PEFT's logits equal the hand-merged W + B·A·alpha/r (max abs diff {diff:.2e})")
            moved = (adapter_logits - base_logits).abs().max().item()
            untrained = all(torch.count_nonzero(v) == 0 for k, v in tensors.items() if "lora_B" in k)
            if untrained:
                check(moved == 0, f"{path}: untrained adapter leaves the logits unchanged")
            else:
                check(moved > 0, f"{path}: trained adapter changes the logits (max {moved:.3f}); r={config['r']}, "
                                 f"targets {config['target_modules']}")
    sys.exit(1 if check.failed else 0)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
