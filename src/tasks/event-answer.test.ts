import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { EventsRecord, LabelSet } from "../records/index.ts";
import { SeededRandom } from "../util/seeded-random.ts";
import { chooseRoles } from "./event-answer.ts";

const ROLES = ["agent", "place", "target", "time", "victim"];
const LABELS: LabelSet = {
  entities: [],
  relations: [],
  events: [
    { type: "attack", roles: ROLES },
    { type: "meet", roles: ["entity", "place"] },
  ],
  classes: [],
  graph: [],
};
const RECORD: EventsRecord = {
  kind: "events",
  source: "s",
  lang: "en",
  text: "Rebels attacked the town.",
  events: [{ type: "attack", trigger: "attacked", arguments: [{ role: "agent", text: "Rebels" }] }],
};

test("roles of a kept type: the filled ones, Binomial absent ones, never none at p < 1", () => {
  fc.assert(
    fc.property(fc.integer(), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (seed, p) => {
      const random = new SeededRandom(seed, "roles");
      const roles = chooseRoles(["attack", "meet"], RECORD, LABELS, random, p);
      assert.ok(roles.attack.includes("agent"), "a filled role is always asked");
      assert.ok(roles.meet.length >= 1, "a type the record does not fill still asks a role");
      for (const [type, asked] of Object.entries(roles)) {
        const known = LABELS.events.find((e) => e.type === type)!.roles;
        assert.deepEqual(
          asked,
          known.filter((r) => asked.includes(r)),
          "sorted mode keeps the role order",
        );
        assert.equal(new Set(asked).size, asked.length);
      }
    }),
  );
});

test("p = 1 asks every role; shuffled order shuffles roles with the record's generator", () => {
  const all = chooseRoles(["attack"], RECORD, LABELS, new SeededRandom(1, "r"), 1);
  assert.deepEqual(all.attack, ROLES);
  const orders = new Set<string>();
  for (let seed = 0; seed < 20; seed++) {
    const shuffled = chooseRoles(["attack"], RECORD, LABELS, new SeededRandom(seed, "r"), 1, "shuffled");
    assert.deepEqual([...shuffled.attack].sort(), ROLES);
    const again = chooseRoles(["attack"], RECORD, LABELS, new SeededRandom(seed, "r"), 1, "shuffled");
    assert.deepEqual(again, shuffled, "same seed, same order");
    orders.add(shuffled.attack.join());
  }
  assert.ok(orders.size > 5, `shuffled orders vary (${orders.size})`);
});

test("at p = 0.5 the number of absent roles asked averages near half of them", () => {
  let asked = 0;
  const runs = 2000;
  for (let seed = 0; seed < runs; seed++)
    asked += chooseRoles(["attack"], RECORD, LABELS, new SeededRandom(seed, "m"), 0.5).attack.length - 1;
  // Binomial(5, 0.5) capped at the 4 absent roles: mean 2.5 − P(5)·1 = 2.46875.
  assert.ok(Math.abs(asked / runs - 2.46875) < 0.1, `mean ${asked / runs}`);
});

test("p = 1 asks the type's roles, then roles the record fills that the label set lacks, and draws nothing", () => {
  const record: EventsRecord = {
    ...RECORD,
    events: [
      { type: "attack", trigger: "attacked", arguments: [{ role: "weapon", text: "guns" }] },
      { type: "meet", trigger: "met", arguments: [{ role: "host", text: "town" }] },
      {
        type: "attack",
        trigger: "attacked",
        arguments: [
          { role: "agent", text: "Rebels" },
          { role: "motive", text: "land" },
          { role: "weapon", text: "knives" },
        ],
      },
    ],
  };
  const random = new SeededRandom(5, "r");
  const roles = chooseRoles(["attack", "meet", "flood"], record, LABELS, random, 1);
  assert.deepEqual(roles, {
    attack: [...ROLES, "weapon", "motive"],
    meet: ["entity", "place", "host"],
    flood: [],
  });
  assert.equal(random.float(), new SeededRandom(5, "r").float());
});
