// The repair slip page: print the sheet, and let the customer sign on the pad (signature_pad); the drawn
// signature is posted as a PNG to the page's Attach handler with the form's antiforgery token.
import './styles/slip.css';
import SignaturePad from 'signature_pad';

document.querySelector('[data-action=print]')?.addEventListener('click', () => window.print());

const form = document.getElementById('signature-form');
if (form) {
  const canvas = form.querySelector('canvas');
  const message = form.querySelector('[data-testid=signature-message]');
  const pad = new SignaturePad(canvas, { backgroundColor: 'rgb(255,255,255)' });

  // The canvas is drawn at the device's pixel ratio so that a tablet's signature stays sharp.
  const fit = () => {
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    const data = pad.toData();
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext('2d').scale(ratio, ratio);
    pad.clear();
    pad.fromData(data);
  };
  window.addEventListener('resize', fit);
  fit();

  form.querySelector('[data-action=clear]').addEventListener('click', () => {
    pad.clear();
    message.textContent = '';
  });

  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (pad.isEmpty()) {
      message.textContent = form.dataset.empty;
      return;
    }
    const png = await new Promise(resolve => canvas.toBlob(resolve, 'image/png'));
    const body = new FormData(form);
    body.set('file', png, 'signature.png');
    const response = await fetch(form.action, { method: 'POST', body, credentials: 'same-origin' });
    if (response.ok) window.location.assign(response.url);
    else message.textContent = form.dataset.failed;
  });
}
