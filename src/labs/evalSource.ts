// Leaves of a check, read from a simulation: metrics by `query`, node facts by the node
// inspector, counts from whatever log the caller keeps, variables from the learner's draw.
import type { EvalSource } from './expr/evaluate';
import { NODE_FACTS, type NodeFact } from './expr/vocabulary';
import type { LabSimulation } from './simulation';
import type { VariableValues } from './variables';

export function simulationSource(sim: LabSimulation, variables: VariableValues, count: (kind: string) => number): EvalSource {
  // One query per metric per evaluation, even when a check names it twice.
  const metrics = new Map<string, Promise<number | string | boolean>>();
  return {
    metric(name) {
      let value = metrics.get(name);
      if (value === undefined) {
        value = sim.query(name);
        metrics.set(name, value);
      }
      return value;
    },
    async count(kind) {
      return count(kind);
    },
    variable(name) {
      const value = variables[name];
      if (value === undefined) throw new Error(`variable $${name} has no value`);
      return value;
    },
    async nodeFact(fact, node) {
      return NODE_FACTS[fact as NodeFact].of(await sim.inspectNode(node));
    },
  };
}
