import { test } from 'node:test';
import assert from 'node:assert/strict';
import { besidePalette } from '../src/lib/viewbox.js';

const palette = 140;
const padding = 20;
const outer = { width: 1000, height: 600 };

/** Where a diagram point lands on screen for a viewbox shown on `outer`. */
const onScreen = (viewbox, x, y) => ({
  x: (x - viewbox.x) * (outer.width / viewbox.width),
  y: (y - viewbox.y) * (outer.height / viewbox.height),
});

test('a small diagram is shown at 100 %, starting right of the palette, centred vertically', () => {
  const inner = { x: 150, y: 80, width: 400, height: 200 };

  const viewbox = besidePalette({ inner, outer }, palette, padding);

  assert.deepEqual(viewbox, { x: 10, y: -120, width: 1000, height: 600 });
  assert.deepEqual(onScreen(viewbox, inner.x, inner.y), { x: palette, y: 200 });
});

test('a wide diagram is shrunk to fit between the palette and the right padding', () => {
  const inner = { x: 0, y: 0, width: 3360, height: 200 };

  const viewbox = besidePalette({ inner, outer }, palette, padding);

  const scale = outer.width / viewbox.width;
  assert.equal(scale, 0.25);
  assert.equal(onScreen(viewbox, inner.x, 0).x, palette);
  assert.equal(onScreen(viewbox, inner.x + inner.width, 0).x, outer.width - padding);
  assert.equal(viewbox.height, outer.height / scale);
});

test('a tall diagram is shrunk to fit between the top and bottom padding', () => {
  const inner = { x: 0, y: 100, width: 300, height: 2240 };

  const viewbox = besidePalette({ inner, outer }, palette, padding);

  assert.equal(outer.width / viewbox.width, 0.25);
  assert.equal(onScreen(viewbox, 0, inner.y).y, padding);
  assert.equal(onScreen(viewbox, 0, inner.y + inner.height).y, outer.height - padding);
});

test('an empty diagram leaves the camera where it is', () => {
  assert.equal(besidePalette({ inner: { x: 0, y: 0, width: 0, height: 0 }, outer }, palette, padding), null);
  assert.equal(besidePalette({ inner: { x: 0, y: 0, width: 100, height: 0 }, outer }, palette, padding), null);
});
