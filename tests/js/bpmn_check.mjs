// Reads each BPMN file named on the command line with bpmn-moddle (the library bpmn.io builds on) and
// lints it with bpmnlint, using the configuration file given first (a .bpmnlintrc). Prints one JSON
// object: per file, moddle's warnings, the elements counted, and bpmnlint's reports.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';

const require = createRequire(import.meta.url);
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const [configPath, ...files] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const moddle = new BpmnModdle();

function count(definitions) {
  const counts = { tasks: 0, startEvents: 0, endEvents: 0, gateways: 0, sequenceFlows: 0, messageFlows: 0,
                   participants: 0, processes: 0, shapes: 0, edges: 0 };
  for (const root of definitions.rootElements) {
    if (root.$type === 'bpmn:Collaboration') {
      counts.participants += root.participants.length;
      counts.messageFlows += (root.messageFlows || []).length;
    }
    if (root.$type === 'bpmn:Process') {
      counts.processes += 1;
      for (const el of root.flowElements || []) {
        if (el.$type === 'bpmn:Task') counts.tasks += 1;
        if (el.$type === 'bpmn:StartEvent') counts.startEvents += 1;
        if (el.$type === 'bpmn:EndEvent') counts.endEvents += 1;
        if (el.$type === 'bpmn:ParallelGateway') counts.gateways += 1;
        if (el.$type === 'bpmn:SequenceFlow') counts.sequenceFlows += 1;
      }
    }
  }
  for (const diagram of definitions.diagrams || []) {
    for (const el of diagram.plane.planeElement || []) {
      if (el.$type === 'bpmndi:BPMNShape') counts.shapes += 1;
      if (el.$type === 'bpmndi:BPMNEdge') counts.edges += 1;
    }
  }
  return counts;
}

const out = {};
for (const file of files) {
  const { rootElement, warnings } = await moddle.fromXML(readFileSync(file, 'utf8'));
  // A linter per file: some rules keep what they saw between runs.
  const linter = new Linter({ config, resolver: new NodeResolver() });
  const reports = await linter.lint(rootElement);
  out[file] = {
    warnings: warnings.map(w => String(w.message)),
    counts: count(rootElement),
    lint: Object.entries(reports).flatMap(([rule, items]) => items.map(i => ({ rule, ...i }))),
  };
}
process.stdout.write(JSON.stringify(out));
