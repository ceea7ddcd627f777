import { userInfo } from "node:os";
import { type Command, InvalidArgumentError, Option } from "commander";
import { collect } from "./option-parsers.ts";

interface ReviewFlags {
  dictionary: string[];
  rules: string[];
  items: string[];
  input: string[];
  format?: string;
  host?: string;
  port?: number;
  token?: string;
  reviewer?: string;
}

export function registerReviewCommand(program: Command): void {
  program
    .command("review")
    .description("review what an LLM wrote (dictionary, preference rules, GLAN items) in a local web page")
    .option("--dictionary <file>", "a schema dictionary (YAML/JSON); repeatable", collect, [])
    .option("--rules <file.jsonl>", "a preference-rule file from `hum rules`; repeatable", collect, [])
    .option(
      "--items <file.jsonl|folder>",
      "JSONL items with `id` and `reviewed` (GLAN taxonomy, subjects, syllabi), or a folder of them; repeatable",
      collect,
      [],
    )
    .option("-i, --input <file>", "a dataset whose sentences show each label in use; repeatable", collect, [])
    .option("--format <name>", "the format of every --input (detected when absent)")
    .option("--host <address>", "address to listen on (default 127.0.0.1; another needs --token)")
    .option("--port <n>", "port to listen on (default: a free one)", parsePort)
    .addOption(
      new Option("--token <secret>", "required of every request (needed off loopback)").env(
        "HUM_REVIEW_TOKEN",
      ),
    )
    .option("--reviewer <name>", "who decides, written into every decision (default: the login name)")
    .action(async (flags: ReviewFlags) => {
      const { isLoopback, openReview, serveReview } = await import("../review/index.ts");
      // Say no before reading anything: the files would be served to a network.
      if (flags.host && !isLoopback(flags.host) && !flags.token)
        throw new Error(
          `refusing to serve on ${flags.host} without a token: give --token, or keep the default loopback`,
        );
      const store = await openReview(
        {
          dictionaries: flags.dictionary,
          rules: flags.rules,
          items: flags.items,
          inputs: flags.input.map((path) => ({ path, format: flags.format })),
        },
        { reviewer: flags.reviewer ?? userInfo().username },
      );
      const running = await serveReview(store, { host: flags.host, port: flags.port, token: flags.token });
      const shown = flags.token ? running.url.replace(/\?token=.*$/, "?token=<your token>") : running.url;
      const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
      console.log(
        `reviewing ${count(store.items().length, "item")} in ${count(store.files.length, "file")} at ${shown}`,
      );
      console.log("every decision is saved at once; press Ctrl+C to stop");
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await running.close();
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError("must be a port, 0 to 65535");
  return port;
}
