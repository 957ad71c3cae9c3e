// Writes the tokenizer parity corpus: 2,400 deterministic lines mixing languages, scripts, emoji, code, numbers and
// whitespace, so every branch of the pre-tokenizers and byte fallback is exercised. Output: the corpus.json (array of
// lines) beside the tokenizer fixtures in tests/TrainingWorker.Tests/Tokenization/Parity.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
let seed = 20261130;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (items) => items[Math.floor(random() * items.length)];

const sentences = [
  "The quick brown fox jumps over the lazy dog.", "I'll tell you what we've learned: it's not what you'd think.",
  "Don't SHOUT, it's RUDE; WE'LL be fine.", "Le cœur a ses raisons que la raison ne connaît point.",
  "Über den Wolken muss die Freiheit wohl grenzenlos sein.", "¿Dónde está la biblioteca? ¡Aquí!",
  "Съешь же ещё этих мягких французских булок, да выпей чаю.", "Γαζέες καὶ μυρτιὲς δὲν θὰ βρῶ πιὰ στὸ χρυσαφὶ ξέφωτο.",
  "我能吞下玻璃而不伤身体。", "日本語の文章を正しく分割できますか？", "나는 유리를 먹을 수 있어요. 그래도 아프지 않아요.",
  "أنا قادر على أكل الزجاج و هذا لا يؤلمني.", "אני יכול לאכול זכוכית וזה לא מזיק לי.", "मैं काँच खा सकता हूँ और मुझे उससे कोई चोट नहीं पहुंचती.",
  "ฉันกินกระจกได้ แต่มันไม่ทำให้ฉันเจ็บ", "Tôi có thể ăn thủy tinh mà không hại gì.", "Mogę jeść szkło i mi nie szkodzi.",
  "Jeg kan spise glas, det gør ikke ondt på mig.", "Cam yiyebilirim, bana zararı dokunmaz.", "Ես կարող եմ ապակի ուտել և ինձ անհանգիստ չի զգում.",
  "ᚠᛇᚻ᛫ᛒᛦᚦ᛫ᚠᚱᚩᚠᚢᚱ᛫ᚠᛁᚱᚪ᛫ᚷᛖᚻᚹᛦᛚᚳᚢᛗ", "𝒜𝓁𝓁 𝓂𝒶𝓉𝒽 𝓁𝑒𝓉𝓉𝑒𝓇𝓈 and 𝟙𝟚𝟛 digits", "𠀀𠀁𠀂 rare CJK extension B characters",
  "e\u0301 (combining) vs é (precomposed), Å vs A\u030A, ﬁ ligature, ｆｕｌｌ ｗｉｄｔｈ", "naïve café résumé coöperate façade",
  "Zero\u200Bwidth\u200Bspace and non\u00A0breaking\u00A0space and\u3000ideographic space", "Soft\u00ADhyphen, BOM\uFEFFinside, RTL\u200Fmark",
];
const emoji = ["😀", "👋🏽", "👩‍👩‍👧‍👦", "🇫🇷", "❤️", "🤖", "🧑‍💻", "✨", "🔥🔥🔥", "🏳️‍🌈", "👍🏿", "🙂", "🥲", "☕", "©️", "1️⃣"];
const code = [
  "def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)", "for (int i = 0; i < n; ++i) { sum += a[i] * b[i]; }",
  "const x = await fetch(`/api/v1/users/${id}?q=${encodeURIComponent(q)}`);", "SELECT id, name FROM users WHERE age >= 18 ORDER BY name;",
  "if err != nil {\n\treturn fmt.Errorf(\"open %s: %w\", path, err)\n}", "fn main() { println!(\"{:?}\", vec![1, 2, 3]); }",
  "<div class=\"card\"><h1>Title</h1><p>Text &amp; more</p></div>", "{\"name\": \"Ada\", \"tags\": [\"a\", \"b\"], \"n\": 3.14e-10}",
  "x = [i**2 for i in range(10) if i % 2 == 0]  # squares", "public sealed record TrainAdapter(Guid JobId, string Name);",
  "#include <stdio.h>\nint main(void) { printf(\"%d\\n\", 42); }", "$ git commit -m \"fix: handle \\r\\n line endings\" && git push",
  "    indented with four spaces", "\t\ttwo tabs\tthen\ttabs", "trailing spaces   ", "   leading spaces", "a  b   c    d     e",
  "https://example.com/path/to/page?query=1&other=two#fragment", "user.name+tag@example.co.uk", "C:\\Users\\Ada\\Documents\\file.txt",
];
const numbers = ["0", "7", "42", "123", "1234", "12345678901234567890", "3.14159", "-273.15", "1,000,000", "1e-9", "0xDEADBEEF", "२०२६", "٣٤٥", "½ ⅓ ¼", "①②③"];
const whitespace = ["\n", "\n\n", "\r\n", " \n ", "\t", "  ", "\n\n\n   ", " "];
const specials = ["<|im_start|>", "<|im_end|>", "<|begin_of_text|>", "<|eot_id|>", "<start_of_turn>", "<end_of_turn>", "<s>", "</s>", "<bos>"];

const lines = [];
for (const s of [...sentences, ...code, ...numbers, ...emoji]) lines.push(s);
while (lines.length < 2400) {
  const parts = [];
  const n = 1 + Math.floor(random() * 5);
  for (let i = 0; i < n; i++) {
    const r = random();
    parts.push(r < 0.4 ? pick(sentences) : r < 0.6 ? pick(code) : r < 0.72 ? pick(emoji) : r < 0.84 ? pick(numbers) : r < 0.96 ? pick(whitespace) : pick(specials));
  }
  lines.push(parts.join(pick([" ", "", " ", "\n", ", "])));
}
writeFileSync(join(here, "../../tests/TrainingWorker.Tests/Tokenization/Parity/corpus.json"), JSON.stringify(lines, null, 0).replaceAll('","', '",\n"') + "\n");
console.log(`${lines.length} lines`);
