// The instance view's diagram marks: where the tokens are, and where they have been.

/**
 * [elementId, marker] pairs for the instance's diagram: 'ws-done' for completed elements that are
 * not active again (a loop), 'ws-taken' for the sequence flows taken, 'ws-active' for the active
 * elements, in that order (active drawn last). Ids the diagram does not have (`exists` false:
 * an element of an older version) are left out.
 */
export function pathMarkers({ completed = [], flows = [], active = [] }, exists) {
  const activeIds = new Set(active);
  return [
    ...completed.filter(id => !activeIds.has(id)).map(id => [id, 'ws-done']),
    ...flows.map(id => [id, 'ws-taken']),
    ...active.map(id => [id, 'ws-active']),
  ].filter(([id]) => exists(id));
}
