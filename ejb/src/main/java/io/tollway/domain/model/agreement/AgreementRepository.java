package io.tollway.domain.model.agreement;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** Agreements, their bills and their usage. */
public interface AgreementRepository {

    void add(Agreement agreement);

    Optional<Agreement> find(String id);

    /** Newest first; a null tenant lists every agreement (admins, approvers). */
    List<Agreement> page(String tenantId, int offset, int limit);

    long count(String tenantId);

    void add(Bill bill);

    Optional<Bill> bill(String agreementId, int number);

    List<Bill> bills(String agreementId);

    /** Adds the report unless one with its key exists; returns the stored one either way. */
    UsageReport report(UsageReport report);

    Optional<UsageReport> usage(String agreementId, String idempotencyKey);

    /** The usage not charged yet. */
    List<UsageReport> unbilledUsage(String agreementId);

    BigInteger unbilledAmount(String agreementId);

    /** CHANNEL agreements of this consumer address that wait for their channel, oldest first. */
    List<Agreement> awaitingChannel(String consumerAddress);
}
