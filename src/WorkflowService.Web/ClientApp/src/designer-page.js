// Page script of the designer area: /designer (the upload form) and /designer/{key} (the modeler,
// created by dist/designer.js, which the page loads first).
import './designer/page.css';
import { startEditor } from './designer/editor.js';

/** Refuses an oversized file before it is sent, with the same words as the server. */
function guardUploadSize(form) {
  const input = form.querySelector('input[type=file]');
  const max = Number(form.dataset.maxBytes);
  const check = () => {
    const file = input.files?.[0];
    input.setCustomValidity(file && file.size > max ? form.dataset.tooLarge : '');
  };
  input.addEventListener('change', () => { check(); input.reportValidity(); });
  form.addEventListener('submit', event => {
    check();
    if (!form.checkValidity()) { event.preventDefault(); input.reportValidity(); }
  });
}

/** The narrowest window the modeler is started in; below it the page shows its notice (designer/page.css). */
const WIDE_ENOUGH = '(min-width: 900px)';

document.addEventListener('DOMContentLoaded', async () => {
  document.querySelectorAll('form[data-max-bytes]').forEach(guardUploadSize);
  const root = document.querySelector('[data-testid=designer]');
  const data = document.getElementById('designer-data');
  if (!root || !data) return;
  // Exposed for diagnosis in the browser console and for browser tests that inspect the diagram.
  const start = async () => { window.WorkflowDesigner.current = await startEditor(root, JSON.parse(data.textContent)); };
  const wide = window.matchMedia(WIDE_ENOUGH);
  if (wide.matches) {
    await start();
    return;
  }
  // A hidden canvas has no size to fit the diagram into: start when the window grows (a tablet turned sideways).
  const startOnceWide = () => {
    if (!wide.matches) return;
    wide.removeEventListener('change', startOnceWide);
    start();
  };
  wide.addEventListener('change', startOnceWide);
});
