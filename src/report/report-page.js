// The corpus report's page: draws the embedded statistics with the inlined Chart.js. No network.

const data = JSON.parse(document.getElementById("report-data").textContent);
const stats = data.stats;
const BLUE = "#2f6fde";
const GREY = "#c9ced6";
const PALETTE = ["#2f6fde", "#1f8a4c", "#e0a800", "#c0392b", "#7b4fd6", "#16a2b8", "#d35400", "#5f6b7a"];

Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;

function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value === undefined) continue;
    if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity))
    if (child !== undefined && child !== null) element.append(child);
  return element;
}

const number = (n) => n.toLocaleString("en-US");
const percent = (x) => `${(x * 100).toFixed(1)} %`;
const share = (n, of) => (of > 0 ? n / of : 0);
const sum = (values) => values.reduce((a, b) => a + b, 0);

function table(head, rows, foot) {
  return h(
    "table",
    {},
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        head.map((cell) => h("th", {}, cell)),
      ),
    ),
    h("tbody", {}, rows),
    foot ? h("tfoot", {}, foot) : undefined,
  );
}

function bars(id, labels, datasets, options) {
  return new Chart(document.getElementById(id), {
    type: "bar",
    data: { labels, datasets },
    options: {
      plugins: { legend: { display: datasets.length > 1 } },
      scales: { y: { beginAtZero: true } },
      ...options,
    },
  });
}

function tiles() {
  const kinds = stats.by_kind;
  const kindShare = (kind) => `${kind} · ${percent(share(kinds[kind] ?? 0, stats.instructions))}`;
  const items = [
    ["instructions", "instructions", number(stats.instructions)],
    ["basic", kindShare("basic"), number(kinds.basic ?? 0)],
    ["compound", kindShare("compound"), number(kinds.compound ?? 0)],
    ["sources", "sources", number(Object.keys(stats.by_source).length)],
    ["languages", "languages", Object.keys(stats.by_lang).join(", ")],
  ];
  if (data.records)
    items.push(
      ["records-read", "records read", number(data.records.read)],
      ["records-accepted", "records accepted", number(data.records.accepted)],
      ["records-rejected", "records rejected", number(data.records.rejected)],
    );
  if (stats.unreadable) items.push(["unreadable", "unreadable lines", number(stats.unreadable)]);
  document
    .getElementById("tiles")
    .replaceChildren(
      ...items.map(([key, name, value]) =>
        h(
          "div",
          { class: "tile" },
          h("div", { class: "value", "data-stat": key }, value),
          h("div", { class: "name" }, name),
        ),
      ),
    );
}

function tasks() {
  const names = [...new Set([...Object.keys(data.targets.tasks), ...Object.keys(stats.by_task)])];
  const achieved = names.map((t) => share(stats.by_task[t] ?? 0, stats.instructions) * 100);
  const targets = names.map((t) => (data.targets.tasks[t] ?? 0) * 100);
  bars(
    "chart-tasks",
    names,
    [
      { label: "this corpus (%)", data: achieved, backgroundColor: BLUE },
      { label: "paper, Figure 4 (%)", data: targets, backgroundColor: GREY },
    ],
    { scales: { y: { beginAtZero: true, title: { display: true, text: "% of instructions" } } } },
  );
  const rows = names.map((t) =>
    h(
      "tr",
      {},
      h("td", {}, t),
      h("td", { "data-task-count": t }, number(stats.by_task[t] ?? 0)),
      h("td", {}, percent(share(stats.by_task[t] ?? 0, stats.instructions))),
      h("td", {}, data.targets.tasks[t] === undefined ? "—" : percent(data.targets.tasks[t])),
    ),
  );
  const foot = h(
    "tr",
    {},
    h("td", {}, "total"),
    h("td", { "data-task-count": "total" }, number(stats.instructions)),
    h("td", {}, ""),
    h("td", {}, ""),
  );
  document
    .getElementById("table-tasks")
    .replaceChildren(table(["task", "instructions", "share", "paper"], rows, foot));
}

function strategies() {
  const kinds = stats.by_kind;
  new Chart(document.getElementById("chart-kinds"), {
    type: "doughnut",
    data: {
      labels: ["basic", "compound"],
      datasets: [{ data: [kinds.basic ?? 0, kinds.compound ?? 0], backgroundColor: [GREY, BLUE] }],
    },
    options: {
      plugins: {
        title: {
          display: true,
          text: `compound ${percent(share(kinds.compound ?? 0, stats.instructions))} (target ${percent(data.targets.compound)})`,
        },
      },
    },
  });
  const names = [...new Set([...Object.keys(data.targets.strategies), ...Object.keys(stats.by_strategy)])];
  const compound = kinds.compound ?? 0;
  bars(
    "chart-strategies",
    names,
    [
      {
        label: "this corpus (% of compound)",
        data: names.map((s) => share(stats.by_strategy[s] ?? 0, compound) * 100),
        backgroundColor: BLUE,
      },
      {
        label: "paper (% of compound)",
        data: names.map((s) => (data.targets.strategies[s] ?? 0) * 100),
        backgroundColor: GREY,
      },
    ],
    { plugins: { title: { display: true, text: "strategies overlap: one instruction may carry several" } } },
  );
  const rows = names.map((s) =>
    h(
      "tr",
      {},
      h("td", {}, s),
      h("td", { "data-strategy-count": s }, number(stats.by_strategy[s] ?? 0)),
      h("td", {}, percent(share(stats.by_strategy[s] ?? 0, compound))),
      h("td", {}, data.targets.strategies[s] === undefined ? "—" : percent(data.targets.strategies[s])),
    ),
  );
  document
    .getElementById("table-strategies")
    .replaceChildren(table(["strategy", "compound instructions", "share of compound", "paper"], rows));
}

function sources() {
  const taskNames = Object.keys(stats.by_task);
  const max = Math.max(1, ...Object.values(stats.source_task).flatMap((row) => Object.values(row)));
  const rows = Object.entries(stats.source_task).map(([source, row]) =>
    h(
      "tr",
      {},
      h("td", {}, source),
      taskNames.map((t) =>
        h(
          "td",
          row[t] ? { class: "heat", style: `--a: ${(0.08 + 0.5 * (row[t] / max)).toFixed(3)}` } : {},
          row[t] ? number(row[t]) : "",
        ),
      ),
      h("td", { "data-source-count": source }, number(sum(Object.values(row)))),
    ),
  );
  const foot = h(
    "tr",
    {},
    h("td", {}, "total"),
    taskNames.map((t) => h("td", {}, number(stats.by_task[t]))),
    h("td", {}, number(stats.instructions)),
  );
  document
    .getElementById("table-sources")
    .replaceChildren(table(["source", ...taskNames, "total"], rows, foot));
}

function lengths() {
  const box = document.getElementById("length-charts");
  document.getElementById("tokenizer-note").textContent = data.tokenizer
    ? `Tokens counted with ${data.tokenizer}.`
    : "Characters (code points). Name a tokenizer to see token counts too.";
  Object.entries(stats.lengths).forEach(([name, histogram], index) => {
    const id = `chart-length-${index}`;
    box.append(h("div", { class: "chart small" }, h("canvas", { id })));
    const labels = histogram.edges.map((edge, i) =>
      i + 1 < histogram.edges.length ? `${edge}–${histogram.edges[i + 1] - 1}` : `${edge}+`,
    );
    bars(
      "chart-length-" + index,
      labels,
      [{ label: name, data: histogram.counts, backgroundColor: PALETTE[index % PALETTE.length] }],
      {
        plugins: {
          legend: { display: false },
          title: { display: true, text: `${name}: mean ${histogram.mean}, max ${number(histogram.max)}` },
        },
      },
    );
  });
}

function labels() {
  const select = document.getElementById("label-source");
  const sourcesWithLabels = Object.keys(stats.labels).filter((s) => Object.keys(stats.labels[s]).length > 0);
  select.replaceChildren(...sourcesWithLabels.map((s) => h("option", { value: s }, s)));
  let chart;
  const draw = () => {
    const counts = stats.labels[select.value] ?? {};
    const top = Object.entries(counts)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 30);
    chart?.destroy();
    // Room for every bar: a short list stays compact, a long one grows the chart.
    document.getElementById("chart-labels").parentElement.style.height =
      `${Math.max(160, 60 + 22 * top.length)}px`;
    chart = bars(
      "chart-labels",
      top.map(([label]) => label),
      [
        {
          label: "occurrences in answers",
          data: top.map(([, n]) => n),
          backgroundColor: BLUE,
          maxBarThickness: 18,
        },
      ],
      { indexAxis: "y", scales: { x: { beginAtZero: true } } },
    );
  };
  select.onchange = draw;
  if (sourcesWithLabels.length > 0) draw();
  else
    document.getElementById("chart-labels").replaceWith(h("p", { class: "empty" }, "No labelled answers."));
}

function rejects() {
  const body = document.getElementById("rejects-body");
  const entries = Object.entries(stats.rejected_by_reason);
  if (entries.length === 0) {
    body.replaceChildren(h("p", { class: "empty", "data-stat": "rejects" }, "No record was rejected."));
    return;
  }
  const canvas = h("canvas", { id: "chart-rejects" });
  body.replaceChildren(
    h(
      "div",
      { class: "two" },
      h("div", { class: "chart small" }, canvas),
      table(
        ["reason", "records"],
        entries.map(([reason, n]) =>
          h("tr", {}, h("td", {}, reason), h("td", { "data-reject-count": reason }, number(n))),
        ),
      ),
    ),
  );
  bars(
    "chart-rejects",
    entries.map(([r]) => r),
    [{ label: "records", data: entries.map(([, n]) => n), backgroundColor: "#c0392b" }],
    {
      indexAxis: "y",
    },
  );
}

/** A list one entry per line, each entry on one line: schemas and examples stay short and readable. */
function compactJson(value) {
  if (!Array.isArray(value) || value.length < 2) return JSON.stringify(value);
  return `[\n${value.map((entry) => `  ${JSON.stringify(entry)}`).join(",\n")}\n]`;
}

/** An instruction as a reader wants it: IE instructions are JSON, shown field by field. */
function instructionView(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return h("pre", {}, text);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return h("pre", {}, text);
  return Object.entries(value).map(([key, field]) => [
    h("div", { class: "field-name" }, key),
    h("pre", {}, typeof field === "string" ? field : compactJson(field)),
  ]);
}

function outputView(text) {
  try {
    return h("pre", {}, JSON.stringify(JSON.parse(text), null, 1));
  } catch {
    return h("pre", {}, text);
  }
}

function samples() {
  const taskSelect = document.getElementById("sample-task");
  const strategySelect = document.getElementById("sample-strategy");
  const list = document.getElementById("sample-list");
  taskSelect.replaceChildren(...Object.keys(stats.samples).map((t) => h("option", { value: t }, t)));
  const fillStrategies = () => {
    const strategies = Object.keys(stats.samples[taskSelect.value] ?? {});
    strategySelect.replaceChildren(...strategies.map((s) => h("option", { value: s }, s)));
  };
  const show = () => {
    const shown = stats.samples[taskSelect.value]?.[strategySelect.value] ?? [];
    list.replaceChildren(
      ...shown.map((sample) =>
        h(
          "article",
          { class: "sample" },
          h("div", { class: "meta" }, `${sample.source} · ${sample.lang} · ${sample.id}`),
          h(
            "div",
            { class: "parts" },
            h("div", {}, h("h4", {}, "instruction"), instructionView(sample.instruction)),
            h("div", {}, h("h4", {}, "output"), outputView(sample.output)),
          ),
        ),
      ),
    );
  };
  taskSelect.onchange = () => {
    fillStrategies();
    show();
  };
  strategySelect.onchange = show;
  fillStrategies();
  show();
}

tiles();
tasks();
strategies();
sources();
lengths();
labels();
rejects();
samples();
document.body.dataset.ready = "true";
