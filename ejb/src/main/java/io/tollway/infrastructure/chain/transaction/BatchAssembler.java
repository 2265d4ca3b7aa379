package io.tollway.infrastructure.chain.transaction;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Makes batch transactions of the members that wait for one: per batch key, full batches at once
 * and the rest once its oldest member has waited its batching's linger. A batch is an ordinary
 * outbox row from then on (estimated, signed, sent, tracked); only its announcement fans out.
 */
final class BatchAssembler {

    private static final Logger LOG = Logger.getLogger(BatchAssembler.class.getName());
    /** A batch transaction's subject: this and its first member's id. */
    static final String SUBJECT_PREFIX = "batch-";
    /** Members looked at per round; more wait for the next round, which follows at once. */
    private static final int MEMBERS_PER_ROUND = 2_000;

    private final ChainTransactionStore store;
    private final BatchMemberStore members;
    private final List<CallBatching> batchings;
    private final Clock clock;

    BatchAssembler(ChainTransactionStore store, BatchMemberStore members, List<CallBatching> batchings, Clock clock) {
        this.store = store;
        this.members = members;
        this.batchings = List.copyOf(batchings);
        this.clock = clock;
    }

    /** The batch key of a call, and which batching combines it; empty when the call goes alone. */
    Optional<Map.Entry<String, CallBatching>> batchOf(ContractCall call) {
        for (CallBatching batching : batchings) {
            Optional<String> key = batching.batchKey(call);
            if (key.isPresent()) {
                return Optional.of(Map.entry(key.get(), batching));
            }
        }
        return Optional.empty();
    }

    /** Makes the batches that are due of the signer's waiting members; returns how many. */
    int assemble(Connection c, String signer) throws SQLException {
        if (batchings.isEmpty()) {
            return 0;
        }
        Map<String, List<BatchMember>> byKey = new LinkedHashMap<>();
        for (BatchMember member : members.waiting(c, signer, MEMBERS_PER_ROUND)) {
            byKey.computeIfAbsent(member.batchKey(), key -> new ArrayList<>()).add(member);
        }
        Instant now = clock.instant();
        int made = 0;
        for (List<BatchMember> waiting : byKey.values()) {
            CallBatching batching = batchOf(waiting.get(0).call()).map(Map.Entry::getValue).orElseThrow(() ->
                    new IllegalStateException("no batching takes " + waiting.get(0).call().description()));
            for (int from = 0; from < waiting.size(); from += batching.maxCalls()) {
                List<BatchMember> batch = waiting.subList(from, Math.min(waiting.size(), from + batching.maxCalls()));
                boolean full = batch.size() == batching.maxCalls();
                if (!full && batch.get(0).requestedAt().plus(batching.linger()).isAfter(now)) {
                    break; // the oldest may still get company
                }
                send(c, signer, batching, batch);
                made++;
            }
        }
        return made;
    }

    private void send(Connection c, String signer, CallBatching batching, List<BatchMember> batch) throws SQLException {
        ContractCall combined = batching.combine(batch.stream().map(BatchMember::call).toList());
        BatchMember first = batch.get(0);
        long id = store.request(c, SUBJECT_PREFIX + first.id(), first.batchKey(), signer, combined);
        members.carriedBy(c, batch.stream().map(BatchMember::id).toList(), id);
        LOG.info(() -> "chain transaction " + id + " carries " + batch.size() + " calls of " + first.batchKey()
                + " (" + first.subject() + " … " + batch.get(batch.size() - 1).subject() + ")");
    }
}
