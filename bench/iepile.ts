import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readLines } from "../src/readers/index.ts";
import type { BenchTask } from "../test/support/generated-records.ts";

/**
 * IEPile's own converter (ie2instruction/convert_func.py) on the same records, for the "ratio to
 * IEPile" column. Not part of this repository: point IEPILE_DIR at a checkout of IEPile; the column is
 * skipped when it is absent or when python3 cannot import numpy.
 */
export function iepileAvailable(): string | undefined {
  const dir = process.env.IEPILE_DIR;
  if (!dir || !existsSync(join(dir, "ie2instruction/convert_func.py"))) return undefined;
  const numpy = spawnSync("python3", ["-c", "import numpy"], { stdio: "ignore" });
  return numpy.status === 0 ? dir : undefined;
}

/** Our canonical bench records in IEPile's input format, with its three-line schema file. */
export async function writeIepileInput(canonical: string, task: BenchTask, dir: string): Promise<string> {
  const dataDir = join(dir, "bench");
  mkdirSync(dataDir, { recursive: true });
  const types = new Set<string>();
  const roles = new Set<string>();
  const typeRoles = new Map<string, Set<string>>();
  const lines: string[] = [];
  for await (const { text } of readLines(canonical)) {
    if (!text) continue;
    const record = JSON.parse(text);
    if (task === "NER") {
      for (const e of record.entities) types.add(e.type);
      lines.push(
        JSON.stringify({
          text: record.text,
          entity: record.entities.map((e: { text: string; type: string }) => ({
            entity: e.text,
            entity_type: e.type,
          })),
        }),
      );
    } else if (task === "RE") {
      for (const r of record.relations) roles.add(r.relation);
      lines.push(
        JSON.stringify({
          text: record.text,
          relation: record.relations.map((r: { subject: string; relation: string; object: string }) => ({
            head: r.subject,
            relation: r.relation,
            tail: r.object,
          })),
        }),
      );
    } else {
      const events = record.events.map(
        (e: { type: string; trigger: string; arguments: Array<{ role: string; text: string }> }) => {
          types.add(e.type);
          const known = typeRoles.get(e.type) ?? new Set<string>();
          typeRoles.set(e.type, known);
          for (const a of e.arguments) {
            roles.add(a.role);
            known.add(a.role);
          }
          return {
            event_type: e.type,
            event_trigger: e.trigger,
            arguments: e.arguments.map((a) => ({ argument: a.text, role: a.role })),
          };
        },
      );
      lines.push(JSON.stringify({ text: record.text, event: events }));
    }
  }
  writeFileSync(join(dataDir, "train.json"), `${lines.join("\n")}\n`);
  const typeRoleObject = Object.fromEntries([...typeRoles].map(([t, r]) => [t, [...r]]));
  writeFileSync(
    join(dataDir, "schema.json"),
    `${JSON.stringify([...types])}\n${JSON.stringify([...roles])}\n${JSON.stringify(typeRoleObject)}\n`,
  );
  return dataDir;
}

/** Run IEPile's converter as a whole process; its CPU time is read from inside Python. */
export function runIepile(
  iepileDir: string,
  dataDir: string,
  task: BenchTask,
): { seconds: number; cpuSeconds: number } {
  const splitNum = task === "NER" ? 6 : 4;
  const wrapper = [
    "import resource, runpy, sys, json",
    `sys.argv = ['convert_func.py', '--src_path', ${JSON.stringify(join(dataDir, "train.json"))}, '--tgt_path', ${JSON.stringify(join(dataDir, "out.json"))}, '--schema_path', ${JSON.stringify(join(dataDir, "schema.json"))}, '--language', 'en', '--task', '${task}', '--split_num', '${splitNum}', '--random_sort', '--split', 'train']`,
    `sys.path.insert(0, ${JSON.stringify(join(iepileDir, "ie2instruction"))})`,
    `runpy.run_path(${JSON.stringify(join(iepileDir, "ie2instruction/convert_func.py"))}, run_name='__main__')`,
    "u = resource.getrusage(resource.RUSAGE_SELF)",
    "print(json.dumps({'cpu': u.ru_utime + u.ru_stime}))",
  ].join("\n");
  const started = performance.now();
  const result = spawnSync("python3", ["-c", wrapper], { cwd: iepileDir, encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`IEPile converter failed: ${result.stderr}`);
  const { cpu } = JSON.parse(result.stdout.trim().split("\n").at(-1)!);
  return { seconds, cpuSeconds: cpu };
}
