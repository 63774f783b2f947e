// The designer's validation findings ({elementId, line, message}) as the list and badges show them.

/** One line of the findings list: "Line 12 · checkWarranty · the message", leaving out what is missing. */
export function findingText(finding, format) {
  return [finding.line ? format('Designer.Js.Line', finding.line) : null, finding.elementId, finding.message]
    .filter(Boolean).join(' · ');
}

/**
 * The messages of the findings that name a diagram element, by element id, in the order the
 * elements are first named. `elementOf(finding)` is the element or null (no element, the
 * process itself, an id the diagram does not have); those findings appear in the list only.
 */
export function messagesByElement(findings, elementOf) {
  const byElement = new Map();
  for (const finding of findings) {
    const element = elementOf(finding);
    if (!element) continue;
    if (!byElement.has(element.id)) byElement.set(element.id, []);
    byElement.get(element.id).push(finding.message);
  }
  return byElement;
}
