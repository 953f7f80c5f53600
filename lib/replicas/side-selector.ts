import type { DecodedRecord } from '../contracts/change-event';
import type { ReplicaSide, ReplicaSideSelector } from '../contracts/replicas';
import { serverNameOf } from '../debezium/table-identity';

/** Whether a record belongs to a side: every field the selector sets must match. */
export function matchesSide(record: DecodedRecord, selector: ReplicaSideSelector): boolean {
  if (selector.sourceId !== undefined && record.sourceId !== selector.sourceId) return false;
  if (selector.serverName !== undefined && serverNameOf(record) !== selector.serverName) return false;
  return selector.sourceId !== undefined || selector.serverName !== undefined;
}

/** The side a record belongs to; undefined for neither, and for both (a selector mistake must not pair a side with itself). */
export function sideOf(record: DecodedRecord, a: ReplicaSideSelector, b: ReplicaSideSelector): ReplicaSide | undefined {
  const inA = matchesSide(record, a);
  const inB = matchesSide(record, b);
  if (inA === inB) return undefined;
  return inA ? 'a' : 'b';
}

/** Label for a side in the UI: its label, else server name, else source id. */
export function sideLabel(selector: ReplicaSideSelector): string {
  return selector.label ?? selector.serverName ?? selector.sourceId ?? '?';
}
