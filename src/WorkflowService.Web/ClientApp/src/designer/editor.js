// The toolbar of /designer/{key}: Validate, Save draft, Publish post the current XML to the page's
// handlers (antiforgery token in the RequestVerificationToken header); Download saves it locally.
// Whatever the server answers, the diagram stays in the modeler: nothing drawn is lost.
import { DiagnosticsView } from './diagnostics.js';
import { findingsLocalizerFor } from './findings-zh.js';
import { formatter } from '../lib/text.js';
import { besidePalette } from '../lib/viewbox.js';

const PALETTE_WIDTH = 140;
const FIT_PADDING = 20;
const PANEL_LAYOUT = { groups: { general: { open: true }, CamundaPlatform__UserAssignment: { open: true } } };

/** Fits the diagram into the canvas right of the palette (see besidePalette). */
function fitBesidePalette(canvas) {
  const viewbox = besidePalette(canvas.viewbox(), PALETTE_WIDTH, FIT_PADDING);
  if (viewbox) canvas.viewbox(viewbox);
}

export async function startEditor(root, data) {
  const format = formatter(data.texts);
  const modeler = window.WorkflowDesigner.createModeler(
    root.querySelector('#designer-canvas'), root.querySelector('#designer-properties'),
    { layout: PANEL_LAYOUT, culture: root.dataset.culture });
  // The server's findings and refusals are English sentences: shown in the person's language.
  const localize = findingsLocalizerFor(root.dataset.culture);
  const diagnostics = new DiagnosticsView(modeler, root.querySelector('[data-testid=diagnostics]'), format, localize);
  const status = root.querySelector('[data-testid=status]');
  const dirtyBadge = root.querySelector('[data-testid=dirty]');
  // The key the server stores this diagram under; null until a new diagram is first saved.
  let key = data.isNew ? null : data.key;
  let dirty = false;

  const setDirty = value => {
    dirty = value;
    dirtyBadge.classList.toggle('d-none', !value);
  };
  const say = (kind, text, extra) => {
    status.className = `alert alert-${kind} py-2`;
    status.replaceChildren(document.createTextNode(text));
    if (extra) status.append(' ', extra);
    window.ws?.localizeTimes?.(status);
  };
  const time = iso => Object.assign(document.createElement('time'), { dateTime: iso, textContent: iso });

  modeler.on('commandStack.changed', () => setDirty(true));
  window.addEventListener('beforeunload', event => {
    if (dirty) event.preventDefault();
  });

  try {
    await modeler.importXML(data.xml);
    fitBesidePalette(modeler.get('canvas'));
  } catch (err) {
    say('danger', format('Designer.Js.ImportFailed', err.message));
  }
  root.dataset.ready = 'true';

  async function post(handler) {
    const { xml } = await modeler.saveXML({ format: true });
    const response = await window.ws.fetch(`${location.pathname}?handler=${handler}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/xml', Accept: 'application/json', RequestVerificationToken: window.ws.antiforgery(),
      },
      body: xml,
    });
    let body = null;
    try { body = await response.json(); } catch { /* not JSON: an error page; the status says enough */ }
    return { response, body };
  }

  /** Runs one toolbar action; refusals and network failures are shown, never thrown. */
  async function run(action) {
    const buttons = root.querySelectorAll('[data-action]');
    buttons.forEach(b => { b.disabled = true; });
    say('secondary', format('Designer.Js.Working'));
    try {
      await action();
    } catch (err) {
      say('danger', format('Designer.Js.Failed', err.message));
    } finally {
      buttons.forEach(b => { b.disabled = false; });
    }
  }

  /** A refusal is problem details (RFC 9457): detail says what is wrong, errors and warnings name element and line. */
  function refused({ response, body }) {
    if (body?.errors?.length || body?.warnings?.length) diagnostics.show(body.errors ?? [], body.warnings ?? []);
    say('danger', body?.detail != null ? localize(body.detail) : format('Designer.Js.Failed', `HTTP ${response.status}`));
  }

  function moveTo(newKey) {
    if (key === newKey) return;
    key = newKey;
    history.replaceState(null, '', `/designer/${encodeURIComponent(newKey)}`);
  }

  const actions = {
    async validate() {
      const result = await post('Validate');
      if (!result.response.ok) return refused(result);
      const { errors, warnings } = result.body;
      diagnostics.show(errors, warnings);
      if (errors.length === 0) say('success', format('Designer.Js.Valid'));
      else say('danger', format('Designer.Js.Invalid', errors.length));
    },
    async 'save-draft'() {
      const result = await post('SaveDraft');
      if (!result.response.ok) return refused(result);
      moveTo(result.body.key);
      setDirty(false);
      say('success', `${format('Designer.Js.Saved')} ${format('Designer.Source.Draft', result.body.savedBy)}`,
        time(result.body.savedAt));
    },
    async publish() {
      const result = await post('Publish');
      if (!result.response.ok) return refused(result);
      const { version, created, warnings, publishedBy, publishedAt } = result.body;
      diagnostics.show([], warnings);
      moveTo(result.body.key);
      setDirty(false);
      root.dataset.publishedVersion = String(version);
      if (!created) return say('info', format('Designer.Js.Unchanged', version));
      say('success', `${format('Designer.Js.Published', version)} ${format('Designer.Source.Version', version, publishedBy)}`,
        time(publishedAt));
    },
    async download() {
      const { xml } = await modeler.saveXML({ format: true });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
      link.download = `${key ?? 'process'}.bpmn`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      status.className = 'alert d-none';
    },
  };

  root.querySelectorAll('[data-action]').forEach(button =>
    button.addEventListener('click', () => run(actions[button.dataset.action])));
  return modeler;
}
