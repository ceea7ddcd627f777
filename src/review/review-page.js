// The review page: lists what an LLM wrote, shows one item at a time, and posts each decision to the
// server, which writes it to disk before answering. Plain DOM, no framework, no network but its server.

const STATUSES = ["all", "unreviewed", "accepted", "edited", "rejected"];
const token = new URLSearchParams(location.search).get("token");
const state = {
  items: [],
  filters: { status: "all", kind: "", source: "", label: "", strategy: "", text: "" },
  selected: undefined,
  editing: false,
  busy: false,
};

/** A DOM element: attributes, then children (strings become text nodes, never HTML). */
function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === false) continue;
    if (key.startsWith("on")) element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity))
    if (child !== undefined && child !== null) element.append(child);
  return element;
}

async function api(path, body) {
  const headers = { "content-type": "application/json" };
  if (token) headers["x-hum-token"] = token;
  const response = await fetch(
    path,
    body ? { method: "POST", headers, body: JSON.stringify(body) } : { headers },
  );
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error ?? `HTTP ${response.status}`);
  return answer;
}

function toast(message, isError) {
  const element = document.getElementById("toast");
  element.textContent = message;
  element.className = `toast show${isError ? " error" : ""}`;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (element.className = "toast"), isError ? 5000 : 1600);
}

// ---- filters and list ----

function visibleItems() {
  const f = state.filters;
  const text = f.text.toLowerCase();
  return state.items.filter(
    (item) =>
      (f.status === "all" || item.status === f.status) &&
      (!f.kind || item.kind === f.kind) &&
      (!f.source || item.source === f.source) &&
      (!f.label || item.label === f.label) &&
      (!f.strategy || item.strategy === f.strategy) &&
      (!text || JSON.stringify([item.title, item.content]).toLowerCase().includes(text)),
  );
}

function fillSelect(id, key) {
  const select = document.getElementById(id);
  const values = [...new Set(state.items.map((item) => item[key]).filter((v) => v !== ""))].sort();
  select.replaceChildren(
    h("option", { value: "" }, "all"),
    ...values.map((v) => h("option", { value: v }, v)),
  );
  select.value = state.filters[key];
  select.disabled = values.length === 0;
  select.onchange = () => {
    state.filters[key] = select.value;
    render();
  };
}

function renderFilters() {
  const box = document.getElementById("status-filter");
  box.replaceChildren(
    ...STATUSES.map((status) => {
      const count =
        status === "all" ? state.items.length : state.items.filter((item) => item.status === status).length;
      const input = h("input", { type: "radio", name: "status", value: status });
      input.checked = state.filters.status === status;
      input.onchange = () => {
        state.filters.status = status;
        render();
      };
      return h("label", {}, input, `${status} (${count})`);
    }),
  );
  fillSelect("filter-kind", "kind");
  fillSelect("filter-source", "source");
  fillSelect("filter-label", "label");
  fillSelect("filter-strategy", "strategy");
}

function renderProgress() {
  const total = state.items.length;
  const done = state.items.filter((item) => item.status !== "unreviewed").length;
  const percent = total ? Math.round((done / total) * 100) : 0;
  document.getElementById("progress-fill").style.width = `${percent}%`;
  document.getElementById("progress-text").textContent = `${done} of ${total} reviewed (${percent} %)`;
}

function renderList(items) {
  const list = document.getElementById("list");
  list.replaceChildren(
    ...items.map((item) =>
      h(
        "div",
        {
          class: `row${item.id === state.selected ? " selected" : ""}`,
          "data-id": item.id,
          onclick: () => select(item.id),
        },
        h("span", { class: `dot ${item.status}`, title: item.status }),
        h("span", { class: "title" }, item.title),
        h("span", { class: "sub" }, [item.kind, item.source, item.strategy].filter(Boolean).join(" · ")),
      ),
    ),
  );
  if (items.length === 0) list.append(h("p", { class: "empty", style: "padding: 12px" }, "Nothing matches."));
  document.getElementById("shown-count").textContent = `${items.length} shown`;
  list.querySelector(".selected")?.scrollIntoView({ block: "nearest" });
}

// ---- one item ----

/** The text with each occurrence of the highlights marked (alternate ones in a second colour). */
function highlighted(text, highlights, alternate) {
  const marks = new Array(text.length).fill(0);
  const paint = (strings, bit) => {
    for (const s of strings ?? []) {
      if (!s) continue;
      for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1))
        for (let i = at; i < at + s.length; i++) marks[i] |= bit;
    }
  };
  paint(highlights, 1);
  paint(alternate, 2);
  const parts = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && marks[i] === marks[start]) continue;
    const piece = text.slice(start, i);
    const bits = marks[start];
    parts.push(bits === 0 ? piece : h("mark", { class: ["", "", "alt", "both"][bits] }, piece));
    start = i;
  }
  return parts;
}

function sentence(example) {
  return h("div", { class: "sentence" }, highlighted(example.text, example.highlights, example.alternate));
}

function block(title, ...children) {
  return h("section", { class: "block" }, h("h3", {}, title), ...children);
}

function listOrEmpty(values, ordered) {
  if (!values || values.length === 0) return h("p", { class: "empty" }, "none");
  return h(
    ordered ? "ol" : "ul",
    {},
    values.map((v) => h("li", {}, v)),
  );
}

function chips(values) {
  if (!values || values.length === 0) return h("p", { class: "empty" }, "none");
  return h(
    "div",
    { class: "chips" },
    values.map((v) => h("span", {}, v)),
  );
}

function json(value) {
  return h("pre", {}, JSON.stringify(value, null, 2));
}

function dictionaryView(c) {
  const blocks = [
    block("Descriptions (paraphrases)", listOrEmpty(c.descriptions, true)),
    block("Synonyms", chips(c.synonyms)),
  ];
  if (c.inverse !== undefined) blocks.push(block("Inverse name", h("p", {}, c.inverse)));
  if (c.roles)
    blocks.push(
      block(
        "Roles",
        h(
          "dl",
          { class: "fields" },
          Object.entries(c.roles).flatMap(([role, list]) => [
            h("dt", {}, role),
            h("dd", {}, list.join(" / ") || "—"),
          ]),
        ),
      ),
    );
  blocks.push(
    block(
      "In the corpus",
      c.corpus.length
        ? c.corpus.map(sentence)
        : h("p", { class: "empty" }, "no sentences (start with --input)"),
    ),
  );
  if (c.values.length) blocks.push(block("Representative values", chips(c.values)));
  blocks.push(
    block(
      `Examples: ${c.positive.length} positive, ${c.negative.length} negative`,
      h("details", { open: c.positive.length <= 3 }, h("summary", {}, "positive"), c.positive.map(sentence)),
      h("details", {}, h("summary", {}, "negative"), c.negative.map(sentence)),
    ),
  );
  return blocks;
}

function ruleView(c) {
  const blocks = [];
  if (c.description) blocks.push(block("Label description", h("p", {}, c.description)));
  if (c.text)
    blocks.push(
      block(
        "Record text",
        sentence(c.text),
        h("p", { class: "legend" }, h("mark", {}, "original"), " ", h("mark", { class: "alt" }, "new")),
      ),
    );
  blocks.push(
    h(
      "div",
      { class: "side" },
      h("div", {}, h("h3", {}, "Original"), h("p", {}, c.original_rule || "—"), json(c.original_labels)),
      h(
        "div",
        { class: "new" },
        h("h3", {}, "New"),
        h("p", { "data-field": "new_rule" }, c.new_rule),
        json(c.new_labels),
      ),
    ),
  );
  return blocks;
}

function jsonView(c) {
  return [
    block(
      "Fields",
      h(
        "dl",
        { class: "fields" },
        Object.entries(c.object).flatMap(([key, value]) => [
          h("dt", {}, key),
          h("dd", {}, typeof value === "string" ? value : json(value)),
        ]),
      ),
    ),
  ];
}

function lines(text) {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The edit form of an item, and a function reading the edits back out of it. */
function editor(item) {
  const field = (label, control) => h("div", { class: "edit-field" }, h("label", {}, label), control);
  const area = (name, value, rows) => h("textarea", { name, rows: String(rows ?? 4) }, value);
  const c = item.content;
  if (item.kind === "dictionary") {
    const form = [
      field("Descriptions, one per line", area("descriptions", c.descriptions.join("\n"))),
      field("Synonyms, one per line", area("synonyms", c.synonyms.join("\n"), 3)),
    ];
    if (c.inverse !== undefined || c.kind === "relations")
      form.push(field("Inverse name", h("input", { name: "inverse", value: c.inverse ?? "" })));
    for (const [role, list] of Object.entries(c.roles ?? {}))
      form.push(field(`Role ${role}: descriptions, one per line`, area(`role:${role}`, list.join("\n"), 2)));
    return {
      form,
      read(root) {
        const edits = {
          descriptions: lines(root.querySelector("[name=descriptions]").value),
          synonyms: lines(root.querySelector("[name=synonyms]").value),
        };
        const inverse = root.querySelector("[name=inverse]");
        if (inverse) edits.inverse = inverse.value;
        if (c.roles)
          edits.roles = Object.fromEntries(
            Object.keys(c.roles).map((role) => [
              role,
              lines(root.querySelector(`[name="role:${role}"]`).value),
            ]),
          );
        return edits;
      },
    };
  }
  if (item.kind === "rule")
    return {
      form: [
        field("New rule", area("new_rule", c.new_rule, 3)),
        field("New labels (JSON)", area("new_labels", JSON.stringify(c.new_labels, null, 2), 6)),
      ],
      read: (root) => ({
        new_rule: root.querySelector("[name=new_rule]").value,
        new_labels: JSON.parse(root.querySelector("[name=new_labels]").value),
      }),
    };
  return {
    form: [field("The item (JSON)", area("object", JSON.stringify(c.object, null, 2), 14))],
    read: (root) => ({ object: JSON.parse(root.querySelector("[name=object]").value) }),
  };
}

function renderDetail() {
  const detail = document.getElementById("detail");
  const item = state.items.find((i) => i.id === state.selected);
  if (!item) {
    detail.replaceChildren(h("p", { class: "empty" }, "Nothing selected."));
    return;
  }
  const badge = h("span", { class: `badge ${item.status}`, "data-status": item.status }, item.status);
  const where = [
    item.kind,
    item.file,
    item.source,
    item.label !== item.title ? item.label : "",
    item.strategy,
  ]
    .filter(Boolean)
    .join(" · ");
  const stamp = item.review
    ? h(
        "div",
        { class: "stamp" },
        `${item.review.decision} by ${item.review.by} at ${item.review.at}`,
        item.review.note ? ` — “${item.review.note}”` : "",
      )
    : undefined;
  const edit = state.editing ? editor(item) : undefined;
  const body = edit
    ? edit.form
    : item.kind === "dictionary"
      ? dictionaryView(item.content)
      : item.kind === "rule"
        ? ruleView(item.content)
        : jsonView(item.content);
  const note = h("textarea", { id: "note", placeholder: "Note (n): why, or what was changed", rows: "2" });
  note.value = item.review?.note ?? "";
  const buttons = edit
    ? [
        h(
          "button",
          { class: "accept", id: "save-edit", onclick: () => saveEdit(item, edit) },
          "Save edit (Ctrl+Enter)",
        ),
        h("button", { onclick: () => setEditing(false) }, "Cancel (Esc)"),
      ]
    : [
        h("button", { class: "accept", id: "accept", onclick: () => decide(item, "accepted") }, "Accept (a)"),
        h("button", { class: "edit", id: "edit", onclick: () => setEditing(true) }, "Edit (e)"),
        h("button", { class: "reject", id: "reject", onclick: () => decide(item, "rejected") }, "Reject (r)"),
      ];
  const parts = [
    h("h2", {}, item.title, badge),
    h("div", { class: "meta" }, where),
    stamp,
    h("div", { id: "body" }, body),
    h("div", { class: "actions" }, note, buttons),
  ];
  detail.replaceChildren(...parts.filter(Boolean));
  if (edit) detail.querySelector("textarea")?.focus();
}

function render() {
  const items = visibleItems();
  if (!items.some((item) => item.id === state.selected) && !state.editing) state.selected = items[0]?.id;
  renderFilters();
  renderProgress();
  renderList(items);
  renderDetail();
}

function select(id) {
  state.selected = id;
  state.editing = false;
  render();
}

function setEditing(on) {
  state.editing = on;
  renderDetail();
}

function move(step) {
  const items = visibleItems();
  const at = items.findIndex((item) => item.id === state.selected);
  const next = items[Math.min(items.length - 1, Math.max(0, at + step))];
  if (next) select(next.id);
}

// ---- decisions ----

async function decide(item, decision, edits) {
  if (state.busy) return;
  state.busy = true;
  try {
    const note = document.getElementById("note").value;
    const { item: saved } = await api("/api/decision", { id: item.id, decision, note, edits });
    const before = visibleItems();
    state.items[state.items.findIndex((i) => i.id === saved.id)] = saved;
    state.editing = false;
    // Go on to the next item still to review, as a reviewer working down the list expects.
    const at = before.findIndex((i) => i.id === saved.id);
    const next = [...before.slice(at + 1), ...before.slice(0, at)].find((i) => i.status === "unreviewed");
    state.selected = next?.id ?? saved.id;
    render();
    toast(`${saved.title}: ${decision} and saved`);
  } catch (error) {
    toast(error.message, true);
  } finally {
    state.busy = false;
  }
}

function saveEdit(item, edit) {
  let edits;
  try {
    edits = edit.read(document.getElementById("body"));
  } catch (error) {
    toast(`Not valid: ${error.message}`, true);
    return;
  }
  decide(item, "edited", edits);
}

// ---- keyboard ----

function onKey(event) {
  const item = state.items.find((i) => i.id === state.selected);
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName ?? "");
  if (state.editing && event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    document.getElementById("save-edit")?.click();
    return;
  }
  if (event.key === "Escape") {
    if (state.editing) setEditing(false);
    else document.activeElement?.blur();
    return;
  }
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const actions = {
    j: () => move(1),
    ArrowDown: () => move(1),
    k: () => move(-1),
    ArrowUp: () => move(-1),
    a: () => item && decide(item, "accepted"),
    r: () => item && decide(item, "rejected"),
    e: () => item && setEditing(true),
    n: () => document.getElementById("note")?.focus(),
    u: () => {
      state.filters.status = state.filters.status === "unreviewed" ? "all" : "unreviewed";
      render();
    },
    "/": () => document.getElementById("filter-text").focus(),
    "?": () => document.getElementById("help").showModal(),
  };
  const action = actions[event.key];
  if (!action) return;
  event.preventDefault();
  action();
}

async function start() {
  document.addEventListener("keydown", onKey);
  document.getElementById("help-button").onclick = () => document.getElementById("help").showModal();
  document.getElementById("filter-text").oninput = (event) => {
    state.filters.text = event.target.value;
    render();
  };
  try {
    const answer = await api("/api/state");
    state.items = answer.items;
    document.getElementById("reviewer").textContent = `reviewing as ${answer.reviewer}`;
    document.body.dataset.ready = "true";
    render();
  } catch (error) {
    toast(`Could not load: ${error.message}`, true);
  }
}

start();
