package io.tollway.domain.model.channel;

import io.tollway.domain.model.agreement.TerminationCause;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * The payment channel of one CHANNEL agreement, as stored. Its identity (key, consumer, agent,
 * opening block, offering) comes from the chain's {@code ChannelCreated} event only. Decisions are
 * the {@link ChannelAccount}'s: a use case restores the account with {@link #account}, changes it,
 * and keeps the result with {@link #keep}, all in one transaction (the version column turns a
 * concurrent change into a retry, not a lost update).
 */
@Entity
@Table(name = "agreement_channel")
public class Channel {

    @Id
    @Column(name = "agreement_id")
    private String agreementId;

    @Column(name = "channel_key", nullable = false, unique = true)
    private String channelKey;

    @Column(nullable = false)
    private String consumer;

    @Column(nullable = false)
    private String agent;

    @Column(name = "open_block", nullable = false)
    private long openBlock;

    @Column(name = "offering_hash", nullable = false)
    private String offeringHash;

    @Column(nullable = false)
    private BigInteger deposit;

    @Column(nullable = false)
    private long units;

    @Column(name = "best_balance")
    private BigInteger bestBalance;

    @Column(name = "best_signature")
    private String bestSignature;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ChannelAccount.State state;

    @Enumerated(EnumType.STRING)
    @Column(name = "termination_cause")
    private TerminationCause terminationCause;

    @Column(name = "opened_at", nullable = false)
    private OffsetDateTime openedAt;

    @Column(name = "active_since", nullable = false)
    private OffsetDateTime activeSince;

    @Column(name = "last_usage_at")
    private OffsetDateTime lastUsageAt;

    @Column(name = "suspended_since")
    private OffsetDateTime suspendedSince;

    @Column(name = "claimed_at_close")
    private BigInteger claimedAtClose;

    /** The balance the channel was closed or settled at on chain, once it was. */
    @Column(name = "closed_balance")
    private BigInteger closedBalance;

    @Version
    private long version;

    protected Channel() {
        // for JPA
    }

    /** The channel the chain announced for an agreement, with the deposit the contract received. */
    public static Channel opened(String agreementId, ChannelTerms terms, String channelKey, String consumer, String agent,
                                 long openBlock, String offeringHash, BigInteger deposit, Instant openedAt) {
        // the account checks the key, the consumer and the deposit against the terms
        ChannelAccount account = ChannelAccount.open(terms, channelKey, consumer, deposit, openedAt);
        Channel channel = new Channel();
        channel.agreementId = Objects.requireNonNull(agreementId, "agreementId");
        channel.agent = Objects.requireNonNull(agent, "agent").toLowerCase();
        channel.openBlock = openBlock;
        channel.offeringHash = Objects.requireNonNull(offeringHash, "offeringHash").toLowerCase();
        channel.openedAt = at(openedAt);
        channel.keep(account);
        return channel;
    }

    /** The ledger as stored, to decide with. */
    public ChannelAccount account(ChannelTerms terms) {
        Cheque best = bestBalance == null ? null : new Cheque(channelKey, bestBalance, bestSignature);
        return ChannelAccount.restore(terms, channelKey, consumer, deposit, units, best, state, terminationCause,
                activeSince.toInstant(), instant(lastUsageAt), instant(suspendedSince), claimedAtClose);
    }

    /** Keeps what the ledger is now. */
    public void keep(ChannelAccount account) {
        channelKey = account.channelKey();
        consumer = account.consumer();
        deposit = account.deposit();
        units = account.units();
        bestBalance = account.bestCheque().map(Cheque::balance).orElse(null);
        bestSignature = account.bestCheque().map(Cheque::signature).orElse(null);
        state = account.state();
        terminationCause = account.terminationCause().orElse(null);
        activeSince = at(account.activeSince());
        lastUsageAt = account.lastUsageAt().map(Channel::at).orElse(null);
        suspendedSince = account.suspendedSince().map(Channel::at).orElse(null);
        claimedAtClose = account.claimedAtClose().orElse(null);
    }

    /** The chain closed or settled the channel at {@code balance}. */
    public void closedAt(BigInteger balance) {
        closedBalance = Objects.requireNonNull(balance, "balance");
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    public String agreementId() {
        return agreementId;
    }

    public String channelKey() {
        return channelKey;
    }

    public String consumer() {
        return consumer;
    }

    public String agent() {
        return agent;
    }

    public long openBlock() {
        return openBlock;
    }

    public String offeringHash() {
        return offeringHash;
    }

    public BigInteger deposit() {
        return deposit;
    }

    public long units() {
        return units;
    }

    public Optional<Cheque> bestCheque() {
        return bestBalance == null ? Optional.empty() : Optional.of(new Cheque(channelKey, bestBalance, bestSignature));
    }

    public ChannelAccount.State state() {
        return state;
    }

    public Optional<BigInteger> claimedAtClose() {
        return Optional.ofNullable(claimedAtClose);
    }

    public Optional<BigInteger> closedBalance() {
        return Optional.ofNullable(closedBalance);
    }

    public OffsetDateTime openedAt() {
        return openedAt;
    }
}
