package io.tollway.domain.model.agreement;

import io.tollway.domain.model.Sha256;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One bill of an escrow agreement. It is prepared with the usage it charges (the base part is
 * what the contract computes for the time since the last bill), then settled with what the chain
 * paid. Its reference, sent with it on chain, is derived from the agreement and the bill's
 * number, so the chain's BillPaid event names the bill.
 */
@Entity
@Table(name = "bill")
public class Bill {

    public enum State { PENDING, PAID, OUT_OF_FUNDS, REJECTED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agreement_id", nullable = false)
    private String agreementId;

    @Column(nullable = false)
    private int number;

    @Column(nullable = false)
    private String ref;

    @Column(name = "prepared_at", nullable = false)
    private OffsetDateTime preparedAt;

    @Column(name = "variable_amount", nullable = false)
    private BigInteger variableAmount;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(name = "base_amount")
    private BigInteger baseAmount;

    private BigInteger paid;

    @Column(name = "billed_seconds")
    private Long billedSeconds;

    @Column(name = "chain_transaction_id")
    private Long chainTransactionId;

    @Column(name = "settled_at")
    private OffsetDateTime settledAt;

    protected Bill() {
        // for JPA
    }

    public Bill(String agreementId, int number, BigInteger variableAmount, OffsetDateTime now) {
        this.agreementId = Objects.requireNonNull(agreementId, "agreementId");
        this.number = number;
        if (Objects.requireNonNull(variableAmount, "variableAmount").signum() < 0) {
            throw new IllegalArgumentException("variableAmount must be 0 or more");
        }
        this.variableAmount = variableAmount;
        this.ref = refOf(agreementId, number);
        this.preparedAt = now;
        this.state = State.PENDING;
    }

    /** 0x-hex of SHA-256(agreement id ":" number): a bytes32 the chain keeps with the bill. */
    public static String refOf(String agreementId, int number) {
        return "0x" + Sha256.hex(agreementId + ":" + number);
    }

    /** What the chain did with the bill. */
    public void settled(State outcome, BigInteger baseAmount, BigInteger paid, long billedSeconds, Long chainTransactionId, OffsetDateTime now) {
        if (state != State.PENDING) {
            throw new IllegalStateException("bill " + number + " of agreement " + agreementId + " is already " + state);
        }
        this.state = Objects.requireNonNull(outcome, "outcome");
        this.baseAmount = baseAmount;
        this.paid = paid;
        this.billedSeconds = billedSeconds;
        this.chainTransactionId = chainTransactionId;
        this.settledAt = now;
    }

    public Long id() { return id; }
    public String agreementId() { return agreementId; }
    public int number() { return number; }
    public String ref() { return ref; }
    public OffsetDateTime preparedAt() { return preparedAt; }
    public BigInteger variableAmount() { return variableAmount; }
    public State state() { return state; }
    public BigInteger baseAmount() { return baseAmount; }
    public BigInteger paid() { return paid; }
    public Long billedSeconds() { return billedSeconds; }
    public Long chainTransactionId() { return chainTransactionId; }
    public OffsetDateTime settledAt() { return settledAt; }
}
