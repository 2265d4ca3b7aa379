package io.tollway.domain.model.agreement;

import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Agreements, their bills and their usage. */
public interface AgreementRepository {

    /**
     * Stores the new agreement at once.
     *
     * @throws RequestKeyTaken when the consumer's Idempotency-Key is taken by another agreement
     */
    void add(Agreement agreement);

    /** The consumer's agreement requested with this Idempotency-Key. */
    Optional<Agreement> requestedWith(String consumerId, String requestKey);

    Optional<Agreement> find(String id);

    /**
     * The agreement as last committed, to read only: shared with other readers, so a change to it is
     * not saved and must not be made. For views, which read many and change none.
     */
    Optional<Agreement> read(String id);

    /**
     * Those of the agreements that exist, in no particular order, to read only: a change to them is
     * not saved (and must not be made: they may be shared with other transactions).
     */
    List<Agreement> readAll(Collection<String> ids);

    /**
     * Locks the agreements' rows until the transaction ends, so that usage checked against an
     * agreement's cap is not checked by a concurrent request too; in id order, so two requests
     * locking several never wait for each other in a circle. Answers each escrow agreement's usage
     * not charged by a bill yet, as of the lock; an agreement without any is left out.
     */
    Map<String, BigInteger> lockForUsage(Collection<String> ids);

    /** Newest first; a null tenant lists every agreement (admins, approvers). */
    List<Agreement> page(String tenantId, int offset, int limit);

    long count(String tenantId);

    void add(Bill bill);

    Optional<Bill> bill(String agreementId, int number);

    List<Bill> bills(String agreementId);

    /** A page of the agreement's bills as last committed, newest first, to read only (as {@link #read(String)}). */
    List<Bill> readBills(String agreementId, int offset, int limit);

    /** How many bills the agreement has and what they paid in all, as last committed. */
    BillTotals billTotals(String agreementId);

    record BillTotals(long count, BigInteger paid) {
    }

    /** Adds the report unless one with its key exists; returns the stored one either way. */
    UsageReport report(UsageReport report);

    /**
     * Adds escrow usage reports (their keys distinct) with one statement, and raises their
     * agreements' unbilled usage by what was added; a key stored meanwhile by a racing request is
     * left as it is. Returns how many were added. The caller holds the agreements' locks
     * ({@link #lockForUsage}).
     */
    int reportAll(List<UsageReport> reports);

    Optional<UsageReport> usage(String agreementId, String idempotencyKey);

    /** The stored reports with these keys. */
    List<UsageReport> usage(Collection<UsageKey> keys);

    /** The usage not charged yet, oldest first. */
    List<UnbilledUsage> unbilledUsage(String agreementId);

    /**
     * Marks these reports of the agreement as charged by its bill {@code billNumber}, and lowers
     * the agreement's unbilled usage by their amounts (its row locked until the transaction ends).
     */
    void charge(String agreementId, int billNumber, List<Long> reportIds);

    /** CHANNEL agreements of this consumer address that wait for their channel, oldest first. */
    List<Agreement> awaitingChannel(String consumerAddress);
}
