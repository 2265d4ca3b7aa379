package io.tollway.application.channel;

import io.tollway.application.agreement.AgreementTermsJson;
import io.tollway.application.agreement.AgreementView;
import io.tollway.domain.model.agreement.Agreement;
import io.tollway.domain.model.agreement.AgreementNotFound;
import io.tollway.domain.model.agreement.AgreementRepository;
import io.tollway.domain.model.agreement.AgreementStatus;
import io.tollway.domain.model.agreement.IllegalAgreementTransition;
import io.tollway.domain.model.agreement.TerminationCause;
import io.tollway.domain.model.agreement.UsageReport;
import io.tollway.domain.model.chain.ChannelCloseRequested;
import io.tollway.domain.model.chain.ChannelCreated;
import io.tollway.domain.model.chain.ChannelToppedUp;
import io.tollway.domain.model.channel.AcceptedCheque;
import io.tollway.domain.model.channel.Channel;
import io.tollway.domain.model.channel.ChannelAccount;
import io.tollway.domain.model.channel.ChannelRepository;
import io.tollway.domain.model.channel.ChannelTerms;
import io.tollway.domain.model.channel.Cheque;
import io.tollway.domain.model.channel.ChequeRefused;
import io.tollway.domain.model.channel.ServiceDecision;
import io.tollway.infrastructure.chain.channels.ChannelCalls;
import io.tollway.infrastructure.chain.channels.ChannelChain;
import io.tollway.infrastructure.chain.channels.ChannelId;
import io.tollway.infrastructure.chain.transaction.ContractCall;
import io.tollway.process.agreement.AgreementProcesses;
import io.tollway.process.agreement.AgreementVariables;
import io.tollway.process.engine.EngineClock;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * The payment-channel side of agreements: the channel the consumer opened (known from the chain's
 * events only), the provider's usage in units, the consumer's cheques, and the channel's rules for
 * suspending, resuming and ending the service ({@link ChannelAccount}). Every change of one
 * channel runs under its row lock, so a cheque, a usage report and a review never interleave.
 */
@Stateless
@LocalBean
public class ChannelAgreements {

    private static final Logger LOG = Logger.getLogger(ChannelAgreements.class.getName());

    @Inject
    private AgreementRepository agreements;

    @Inject
    private ChannelRepository channels;

    @Inject
    private ChannelChain chain;

    @Inject
    private AgreementProcesses processes;

    private static Instant now() {
        // the engine's clock, so tests that move it see the same time in the channels
        return EngineClock.now();
    }

    public static ChannelTerms terms(Agreement agreement) {
        return AgreementTermsJson.channel(agreement.terms());
    }

    public static String offeringHash(Agreement agreement) {
        return AgreementTermsJson.channelOfferingHash(agreement.offeringId(), agreement.termsHash());
    }

    private Channel locked(String agreementId) {
        return channels.ofAgreementForUpdate(agreementId)
                .orElseThrow(() -> new IllegalAgreementTransition(agreementId, status(agreementId), "take this before its channel is open"));
    }

    private AgreementStatus status(String agreementId) {
        return agreements.find(agreementId).map(Agreement::status).orElseThrow(() -> new AgreementNotFound(agreementId));
    }

    // ---------------------------------------------------------------- the chain's events

    /**
     * A consumer opened a channel: it becomes the channel of the oldest agreement of that consumer
     * on that offering that waits for one. A channel no agreement waits for (opened outside Tollway,
     * or after its agreement ended) is logged and left alone.
     */
    public void opened(ChannelCreated event) {
        if (channels.byKey(event.channelKey()).isPresent()) {
            return; // the same event again after a reorganisation
        }
        if (!event.agent().equalsIgnoreCase(chain.agentAddress())) {
            return;
        }
        Optional<Agreement> waiting = agreements.awaitingChannel(event.consumer()).stream()
                .filter(agreement -> offeringHash(agreement).equalsIgnoreCase(event.offeringHash()))
                .findFirst();
        if (waiting.isEmpty()) {
            LOG.warning(() -> "channel " + event.channelKey() + " of " + event.consumer() + " matches no agreement waiting for a channel");
            return;
        }
        if (claim(waiting.get(), event)) {
            processes.tell(waiting.get().id(), AgreementVariables.PAYMENT_MADE_MESSAGE, Map.of());
        }
    }

    /**
     * The agreement's channel, if the chain announced it: claimed now if its event came while the
     * agreement did not wait for it yet (it was handled and left alone then). Called by the
     * agreement's own deposit step, on its message and on its recheck timer.
     */
    public Optional<String> openedChannel(String agreementId) {
        Optional<Channel> known = channels.ofAgreement(agreementId);
        if (known.isPresent()) {
            return known.map(Channel::channelKey);
        }
        Agreement agreement = agreement(agreementId);
        if (agreement.consumerAddress() == null) {
            return Optional.empty();
        }
        return channels.unclaimedOpening(agreement.consumerAddress(), offeringHash(agreement))
                .filter(event -> event.agent().equalsIgnoreCase(chain.agentAddress()))
                .flatMap(event -> claim(agreement, event) ? Optional.of(event.channelKey()) : Optional.empty());
    }

    private boolean claim(Agreement agreement, ChannelCreated event) {
        Channel channel;
        try {
            channel = Channel.opened(agreement.id(), terms(agreement), event.channelKey(), event.consumer(), event.agent(),
                    event.openBlock(), event.offeringHash(), event.deposit(), now());
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "channel " + event.channelKey() + " cannot serve agreement " + agreement.id() + ": " + e.getMessage());
            return false;
        }
        // only the channel's own row here: the agreement learns its key in its setup's deposit step,
        // so the reader's transaction never races a process job for the agreement's row
        channels.add(channel);
        LOG.info(() -> "agreement " + agreement.id() + " has channel " + event.channelKey() + " with deposit " + event.deposit());
        return true;
    }

    public void toppedUp(ChannelToppedUp event) {
        channels.byKey(event.channelKey()).ifPresent(found -> {
            Channel channel = locked(found.agreementId());
            ChannelAccount account = channel.account(terms(agreement(channel.agreementId())));
            account.topUp(event.added());
            channel.keep(account);
            processes.tell(channel.agreementId(), AgreementVariables.PAYMENT_MADE_MESSAGE, Map.of());
        });
    }

    /**
     * The consumer asked for an uncooperative close: the agreement ends as DISPUTE_SETTLED, and its
     * termination answers inside the challenge period with the best cheque if that pays more.
     */
    public void closeRequested(ChannelCloseRequested event) {
        channels.byKey(event.channelKey()).ifPresent(found -> {
            Channel channel = locked(found.agreementId());
            ChannelAccount account = channel.account(terms(agreement(channel.agreementId())));
            if (account.claimedAtClose().isEmpty()) {
                account.closeRequested(event.balance().min(account.deposit()));
                channel.keep(account);
            }
            Agreement agreement = agreement(channel.agreementId());
            if (agreement.status() != AgreementStatus.TERMINATED) {
                processes.startTermination(agreement.id(), TerminationCause.DISPUTE_SETTLED);
            }
            LOG.info(() -> "consumer asked to close channel " + event.channelKey() + " claiming " + event.balance()
                    + "; best cheque " + account.bestBalance());
        });
    }

    /** The channel was closed or settled on chain at {@code balance}. */
    public void closed(String channelKey, BigInteger balance) {
        channels.byKey(channelKey).ifPresent(channel -> channel.closedAt(balance));
    }

    private Agreement agreement(String id) {
        return agreements.find(id).orElseThrow(() -> new AgreementNotFound(id));
    }

    // ---------------------------------------------------------------- the parties' requests

    /** What an accepted cheque did. */
    public record ChequeAccepted(String channelKey, String balance, String paid, long unpaidUnits, Instant receivedAt) {
    }

    /** A consumer's cheque for the channel of {@code agreement}. */
    public record ChequeSent(Agreement agreement, BigInteger balance, String signature) {
    }

    /** What became of a cheque: accepted, or refused and why. */
    public record ChequeOutcome(ChequeAccepted accepted, RuntimeException refusal) {

        public static ChequeOutcome refused(RuntimeException why) {
            return new ChequeOutcome(null, why);
        }
    }

    /**
     * Cheques of many agreements in one transaction, each taken or refused on its own: taken as
     * its channel's best if it is this channel's, signed by the channel's consumer on this
     * deployment's domain, at most the deposit and above the best so far; refused otherwise
     * ({@link io.tollway.domain.model.channel.ChequeRefused} with the reason), or when the
     * agreement has ended or has no channel yet. Their channels are locked {@link #inLockOrder in lock order}.
     */
    public List<ChequeOutcome> chequeAll(List<ChequeSent> cheques) {
        ChequeOutcome[] outcomes = new ChequeOutcome[cheques.size()];
        for (int i : inLockOrder(IntStream.range(0, cheques.size()).boxed().toList(), i -> cheques.get(i).agreement().id())) {
            ChequeSent sent = cheques.get(i);
            try {
                outcomes[i] = new ChequeOutcome(take(sent.agreement(), sent.balance(), sent.signature()), null);
            } catch (ChequeRefused | IllegalAgreementTransition | AgreementNotFound refused) {
                // thrown before the cheque changed anything, so the others' changes stand
                outcomes[i] = ChequeOutcome.refused(refused);
            }
        }
        return List.of(outcomes);
    }

    /**
     * The indexes in the order their channels are to be locked: by agreement, each agreement's in
     * the order given. Every taker of many channel locks takes them so, and no two wait on each other.
     */
    public static List<Integer> inLockOrder(List<Integer> indexes, IntFunction<String> agreementOf) {
        return indexes.stream().sorted(Comparator.comparing((Integer i) -> agreementOf.apply(i)).thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    private ChequeAccepted take(Agreement agreement, BigInteger balance, String signature) {
        if (agreement.status() == AgreementStatus.TERMINATED) {
            throw new IllegalAgreementTransition(agreement.id(), agreement.status(), "take cheques");
        }
        Channel channel = locked(agreement.id());
        ChannelAccount account = channel.account(terms(agreement));
        Cheque cheque = new Cheque(channel.channelKey(), balance, signature);
        BigInteger paid = account.acceptCheque(cheque, chain.chequeSignatures());
        channel.keep(account);
        Instant at = now();
        channels.add(new AcceptedCheque(agreement.id(), cheque, at.atOffset(ZoneOffset.UTC)));
        if (agreement.status() == AgreementStatus.SUSPENDED) {
            processes.tell(agreement.id(), AgreementVariables.PAYMENT_MADE_MESSAGE, Map.of());
        }
        return new ChequeAccepted(channel.channelKey(), balance.toString(), paid.toString(), account.unpaidUnits(), at);
    }

    /** What a usage report of a channel agreement did. */
    public record UnitsAccepted(String idempotencyKey, long units, long totalUnits, long unpaidUnits, Instant reportedAt) {
    }

    /**
     * Units the provider's service controller reports. A replay of a key with the same units is
     * answered like the first and not counted again; with other units it is refused.
     */
    public UnitsAccepted units(Agreement agreement, String idempotencyKey, long units) {
        if (!agreement.status().isLive()) {
            throw new IllegalAgreementTransition(agreement.id(), agreement.status(), "take usage");
        }
        if (units < 1) {
            throw new IllegalArgumentException("units must be 1 or more, was " + units);
        }
        Channel channel = locked(agreement.id());
        ChannelAccount account = channel.account(terms(agreement));
        Optional<UsageReport> earlier = agreements.usage(agreement.id(), idempotencyKey);
        if (earlier.isPresent()) {
            if (earlier.get().amount().compareTo(BigInteger.valueOf(units)) != 0) {
                throw new ReplayedUsageKey(idempotencyKey);
            }
            return new UnitsAccepted(idempotencyKey, units, account.units(), account.unpaidUnits(), earlier.get().reportedAt().toInstant());
        }
        Instant at = now();
        UsageReport stored = agreements.report(new UsageReport(agreement.id(), idempotencyKey, BigInteger.valueOf(units),
                at.atOffset(ZoneOffset.UTC)));
        account.recordUnits(units, at);
        channel.keep(account);
        return new UnitsAccepted(idempotencyKey, units, account.units(), account.unpaidUnits(), stored.reportedAt().toInstant());
    }

    /** 409: the idempotency key was used with other units. */
    public static class ReplayedUsageKey extends RuntimeException {
        public ReplayedUsageKey(String key) {
            super("idempotency key " + key + " was used before with other units");
        }
    }

    // ---------------------------------------------------------------- the processes' steps

    /** The channel's rules at this moment, recorded: suspend on lag, end at the deposit, the maximum units or inactivity. */
    public ServiceDecision review(String agreementId) {
        Channel channel = locked(agreementId);
        ChannelAccount account = channel.account(terms(agreement(agreementId)));
        ServiceDecision decision = account.review(now());
        channel.keep(account);
        return decision;
    }

    /** While suspended: whether payment caught up (the channel's service resumes); records the resume. */
    public boolean paidEnough(String agreementId) {
        Channel channel = locked(agreementId);
        ChannelAccount account = channel.account(terms(agreement(agreementId)));
        ServiceDecision decision = account.review(now());
        channel.keep(account);
        return account.state() == ChannelAccount.State.ACTIVE && decision.action() != ServiceDecision.Action.TERMINATE;
    }

    /** The end of the suspension the channel's terms allow ({@code maxSuspendSeconds} after it began). */
    public Instant suspensionDeadline(String agreementId) {
        ChannelTerms terms = terms(agreement(agreementId));
        return channels.ofAgreement(agreementId).orElseThrow().account(terms).suspendedTooLongAt()
                .orElseGet(() -> now().plusSeconds(terms.maxSuspendSeconds()));
    }

    /** How far payment lags usage, for the suspension's reason. */
    public long unpaidUnits(String agreementId) {
        return channels.ofAgreement(agreementId).map(c -> c.account(terms(agreement(agreementId))).unpaidUnits()).orElse(0L);
    }

    /**
     * Whether the termination closes the channel on chain: with the best cheque, unless the channel
     * is gone already or the consumer's claim pays the provider as much (then the consumer settles).
     */
    public boolean closesOnChain(String agreementId) {
        Optional<Channel> channel = channels.ofAgreement(agreementId);
        if (channel.isEmpty() || channel.get().bestCheque().isEmpty() || !chain.channel(channel.get().channelKey()).open()) {
            return false;
        }
        BigInteger best = channel.get().bestCheque().get().balance();
        return channel.get().claimedAtClose().map(claim -> best.compareTo(claim) > 0).orElse(true);
    }

    /** The cooperative close with the best cheque and the operator's closing signature. */
    public ContractCall closeCall(String agreementId) {
        Channel channel = channels.ofAgreement(agreementId).orElseThrow();
        Cheque best = channel.bestCheque().orElseThrow(() -> new IllegalStateException("channel of " + agreementId + " has no cheque"));
        ChannelId id = new ChannelId(channel.consumer(), channel.agent(), channel.openBlock(), channel.offeringHash());
        return ChannelCalls.cooperativeClose(chain.channelsAddress(), id, best, chain.closingSignature(channel.channelKey(), best.balance()));
    }

    /** The balance the close step uses: its key, so a retried step sends the same close. */
    public BigInteger closingBalance(String agreementId) {
        return channels.ofAgreement(agreementId).flatMap(Channel::bestCheque).map(Cheque::balance).orElse(BigInteger.ZERO);
    }

    // ---------------------------------------------------------------- the agreement's view

    /** The channel as last committed; in the caller's transaction if it has one (as {@code Agreements.find}). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<AgreementView.ChannelView> view(Agreement agreement) {
        return channels.read(agreement.id()).map(channel -> {
            ChannelAccount account = channel.account(terms(agreement));
            BigInteger owed = account.owed();
            AgreementView.NextCheque next = owed.compareTo(account.bestBalance()) > 0
                    ? new AgreementView.NextCheque(owed.toString(), chain.balanceProofTypedData(channel.channelKey(), owed))
                    : null;
            return new AgreementView.ChannelView(channel.channelKey(), channel.agent(), channel.openBlock(), channel.offeringHash(),
                    account.deposit().toString(), account.units(), account.billableUnits(), owed.toString(),
                    account.bestBalance().toString(), account.unpaidUnits(), account.state().name(),
                    account.state() == ChannelAccount.State.TERMINATED ? null : account.inactiveAt(),
                    account.suspendedTooLongAt().orElse(null), account.claimedAtClose().map(BigInteger::toString).orElse(null),
                    channel.closedBalance().map(BigInteger::toString).orElse(null), next);
        });
    }
}
