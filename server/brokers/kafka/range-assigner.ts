import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';
import { rangeAssign } from '../../../lib/cluster/range-assign';

/**
 * Kafka's range assignor for kafkajs, which ships only round-robin: in
 * cluster mode partition p of every topic with the same partition count goes
 * to one instance, so both copies of a replica pair's change meet there
 * (lib/cluster/range-assign.ts).
 */
export const RangeAssigner: PartitionAssigner = ({ cluster }) => ({
  name: 'RangeAssigner',
  version: 0,
  assign({ members, topics }) {
    const counts: Record<string, number> = {};
    for (const topic of topics) counts[topic] = cluster.findTopicPartitionMetadata(topic).length;
    const plan = rangeAssign(
      members.map((m) => m.memberId),
      counts,
    );
    return Promise.resolve(
      members.map((m) => ({
        memberId: m.memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 0,
          assignment: plan[m.memberId] ?? {},
          userData: Buffer.alloc(0),
        }),
      })),
    );
  },
  protocol({ topics }) {
    return {
      name: 'RangeAssigner',
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
    };
  },
});
