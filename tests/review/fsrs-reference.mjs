// SPDX-License-Identifier: GPL-3.0-or-later
// Writes random review logs and what the reference FSRS implementation (the
// npm package ts-fsrs) makes of them, for check-fsrs-reference.sh.
//   node fsrs-reference.mjs NODE_MODULES SEED ITEMS RETENTION short|long LOG.csv EXPECTED.json
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const [modules, seedText, itemsText, retentionText, mode, logPath, expectedPath] = process.argv.slice(2);
const require = createRequire(modules + '/');
const { fsrs, createEmptyCard, generatorParameters, State } = require('ts-fsrs');

// A small deterministic generator (mulberry32), so a failure can be replayed from its seed.
let seed = Number(seedText) >>> 0;
function random() {
  seed = (seed + 0x6D2B79F5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (n) => Math.floor(random() * n);

const scheduler = fsrs(generatorParameters({
  request_retention: Number(retentionText),
  enable_fuzz: false,
  enable_short_term: mode === 'short',
}));

const stateNames = { [State.New]: 'new', [State.Learning]: 'learning', [State.Review]: 'review', [State.Relearning]: 'relearning' };
const lines = ['item_id,review_time,rating'];
const expected = [];
const start = Date.UTC(2025, 0, 1, 8, 0, 0);

for (let i = 0; i < Number(itemsText); i++) {
  const id = `item-${i}`;
  let time = start + pick(365 * 24 * 60) * 60000 + pick(60) * 1000;
  let card = createEmptyCard(new Date(time));
  const reviews = 1 + pick(25);
  for (let r = 0; r < reviews; r++) {
    // Mostly on or after the due date, sometimes early, sometimes the same day.
    const kind = random();
    if (r > 0) {
      if (kind < 0.25) time += (1 + pick(120)) * 60000;
      else if (kind < 0.5) time = Math.max(time, card.due.getTime() - pick(3) * 86400000) + pick(3600) * 1000;
      else time = card.due.getTime() + pick(40) * 86400000 + pick(86400) * 1000;
    }
    const weights = random();
    const rating = weights < 0.15 ? 1 : weights < 0.3 ? 2 : weights < 0.85 ? 3 : 4;
    card = scheduler.next(card, new Date(time), rating).card;
    lines.push(`${id},${new Date(time).toISOString()},${rating}`);
  }
  expected.push({
    item: id,
    stability: card.stability,
    difficulty: card.difficulty,
    due: card.due.toISOString(),
    state: stateNames[card.state],
    reps: card.reps,
    lapses: card.lapses,
  });
}

writeFileSync(logPath, lines.join('\n') + '\n');
writeFileSync(expectedPath, JSON.stringify(expected));
