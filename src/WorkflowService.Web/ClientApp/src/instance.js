// Instance view: the instance's own diagram version in a bpmn-js viewer (viewer.js), with the
// active elements and the path taken marked; reloads when this instance changes.
import './styles/instance.css';
import { pathMarkers } from './lib/instance-path.js';

async function showDiagram() {
  const container = document.getElementById('instance-diagram');
  const data = JSON.parse(document.getElementById('instance-diagram-data').textContent);
  const viewer = window.WorkflowViewer.createViewer(container);
  await viewer.importXML(data.xml);
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  for (const [id, marker] of pathMarkers(data, id => registry.get(id))) canvas.addMarker(id, marker);
  canvas.zoom('fit-viewport', 'auto');
  container.dataset.ready = 'true';
  return data.instanceId;
}

function reloadOnChange(instanceId) {
  let pending = null;
  const onEvent = event => {
    if (event?.instanceId !== instanceId || pending) return;
    // Several events arrive for one step: reload once they have settled.
    pending = setTimeout(() => window.location.reload(), 400);
  };
  window.ws?.on('instanceChanged', onEvent);
  window.ws?.on('taskChanged', onEvent);
}

showDiagram()
  .then(reloadOnChange)
  .catch(err => {
    const container = document.getElementById('instance-diagram');
    container.dataset.ready = 'error';
    container.textContent = err.message;
  });
