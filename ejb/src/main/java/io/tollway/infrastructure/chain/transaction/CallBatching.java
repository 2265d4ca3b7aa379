package io.tollway.infrastructure.chain.transaction;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Calls of a kind that one transaction can carry many of (the escrow's {@code bill}, sent as
 * {@code billMany}). The gateway queues such a request as a member of a batch instead of a
 * transaction of its own; its sender makes one transaction of the members waiting for the same
 * batch key, and announces that transaction's outcome to every member.
 */
public interface CallBatching {

    /** The batch the call can join (calls with the same key combine), or empty to send it alone. */
    Optional<String> batchKey(ContractCall call);

    /** One call that does what the given calls, all of one batch key, do one by one. */
    ContractCall combine(List<ContractCall> calls);

    /** The most calls one transaction carries (the block's gas bounds it). */
    int maxCalls();

    /** How long a member may wait for others before its batch is sent smaller than {@link #maxCalls()}. */
    Duration linger();
}
