// Where the designer's camera goes when a diagram opens. bpmn-js viewboxes: `inner` is the diagram's
// bounding box, `outer` the canvas size in screen pixels; a viewbox is the diagram area shown.

/**
 * The viewbox that shows the whole diagram right of the palette (`paletteWidth` screen pixels
 * on the left, which would otherwise cover the start of the process), `padding` pixels clear of
 * the other edges, centred vertically, and never enlarged beyond 100 %. Null for an empty diagram.
 */
export function besidePalette({ inner, outer }, paletteWidth, padding) {
  if (!inner.width || !inner.height) return null;
  const scale = Math.min((outer.width - paletteWidth - padding) / inner.width,
    (outer.height - 2 * padding) / inner.height, 1);
  const width = outer.width / scale;
  const height = outer.height / scale;
  return { x: inner.x - paletteWidth / scale, y: inner.y - (height - inner.height) / 2, width, height };
}
