import { lineBatches } from "./floor-lines.js";

// The floor of scoring a predictions file: read its lines, JSON.parse each one and its `output`. Any
// scorer pays this before it scores; it loads nothing else, so its start-up is the least a node
// process pays too. Usage: node bench/scoring-floor.js <predictions.jsonl>
let outputs = 0;
for await (const batch of lineBatches(process.argv[2]))
  for (const text of batch) {
    if (text === "") continue;
    const output = JSON.parse(text).output;
    if (typeof output !== "string") continue;
    outputs++;
    try {
      JSON.parse(output);
    } catch {
      // An output that is not JSON costs the floor its attempt, as it costs the scorer.
    }
  }
console.log(outputs);
