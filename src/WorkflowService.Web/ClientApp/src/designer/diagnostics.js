// Shows the server's validation findings on the diagram: a marker class and a badge overlay on
// each element an error names, and a list in which every entry selects its element. Findings
// without an element (unreadable file, no process) appear only in the list.
// Only the modeler's services are used (no bpmn-js import), so this bundle stays small.
import { findingText, messagesByElement } from '../lib/findings.js';

const OVERLAY_TYPE = 'ws-validation';
const ERROR_MARKER = 'ws-invalid';
const WARNING_MARKER = 'ws-warned';

export class DiagnosticsView {
  /**
   * @param modeler the bpmn-js modeler
   * @param section element with [data-testid=errors] and [data-testid=warnings] lists
   * @param format (key, ...args) => localized text
   * @param localize (the server's English message) => the message in the person's language
   */
  constructor(modeler, section, format, localize = message => message) {
    this.modeler = modeler;
    this.section = section;
    this.format = format;
    this.localize = localize;
    this.marked = [];
  }

  clear() {
    const canvas = this.modeler.get('canvas');
    this.modeler.get('overlays').remove({ type: OVERLAY_TYPE });
    for (const { id, marker } of this.marked) canvas.removeMarker(id, marker);
    this.marked = [];
    this.section.querySelectorAll('ul').forEach(list => list.replaceChildren());
    this.section.classList.add('d-none');
  }

  /** @param errors [{elementId, line, message}] @param warnings the same shape */
  show(errors = [], warnings = []) {
    this.clear();
    const localized = findings => findings.map(finding => ({ ...finding, message: this.localize(finding.message) }));
    [errors, warnings] = [localized(errors), localized(warnings)];
    if (errors.length === 0 && warnings.length === 0) return;
    this.fill('errors', errors, ERROR_MARKER);
    this.fill('warnings', warnings, WARNING_MARKER);
    this.section.querySelector('[data-role=errors-title]').hidden = errors.length === 0;
    this.section.querySelector('[data-role=warnings-title]').hidden = warnings.length === 0;
    this.section.classList.remove('d-none');
  }

  fill(kind, findings, marker) {
    const list = this.section.querySelector(`[data-testid=${kind}]`);
    for (const finding of findings) list.append(this.entry(finding, this.elementOf(finding), kind));
    const byElement = messagesByElement(findings, finding => this.elementOf(finding));
    const canvas = this.modeler.get('canvas');
    const overlays = this.modeler.get('overlays');
    for (const [id, messages] of byElement) {
      canvas.addMarker(id, marker);
      this.marked.push({ id, marker });
      overlays.add(id, OVERLAY_TYPE, {
        position: { top: -12, right: 12 },
        html: this.badge(id, messages, kind),
      });
    }
  }

  /** The shape or connection a finding names; null for the process itself or unknown ids. */
  elementOf(finding) {
    if (!finding.elementId) return null;
    const element = this.modeler.get('elementRegistry').get(finding.elementId);
    if (!element || element === this.modeler.get('canvas').getRootElement()) return null;
    return element;
  }

  entry(finding, element, kind) {
    const item = document.createElement('li');
    const text = findingText(finding, this.format);
    if (!element) {
      item.textContent = text;
      item.className = kind === 'errors' ? 'text-danger' : 'text-warning-emphasis';
      return item;
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `btn btn-link p-0 text-start ${kind === 'errors' ? 'link-danger' : 'link-warning'}`;
    button.dataset.elementId = element.id;
    button.textContent = text;
    button.addEventListener('click', () => this.select(element));
    item.append(button);
    return item;
  }

  badge(id, messages, kind) {
    const badge = document.createElement('button');
    badge.type = 'button';
    badge.className = `ws-validation-badge ${kind === 'errors' ? 'ws-validation-error' : 'ws-validation-warning'}`;
    badge.dataset.elementId = id;
    badge.textContent = String(messages.length);
    badge.title = messages.join('\n');
    badge.setAttribute('aria-label', messages.join('; '));
    badge.addEventListener('click', () => this.select(this.modeler.get('elementRegistry').get(id)));
    return badge;
  }

  select(element) {
    if (!element) return;
    this.modeler.get('canvas').scrollToElement(element);
    this.modeler.get('selection').select(element);
  }
}
