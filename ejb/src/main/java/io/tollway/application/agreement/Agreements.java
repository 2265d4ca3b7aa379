package io.tollway.application.agreement;

import io.tollway.application.account.Caller;
import io.tollway.application.channel.ChannelAgreements;
import io.tollway.domain.model.channel.ChannelTerms;
import io.tollway.infrastructure.chain.channels.ChannelChain;
import io.tollway.infrastructure.chain.channels.ChannelWalletCalls;
import io.tollway.domain.model.account.Role;
import io.tollway.domain.model.agreement.Agreement;
import io.tollway.domain.model.agreement.AgreementNotFound;
import io.tollway.domain.model.agreement.AgreementRepository;
import io.tollway.domain.model.agreement.AgreementStatus;
import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.domain.model.agreement.Party;
import io.tollway.domain.model.agreement.ProviderCommandKind;
import io.tollway.domain.model.agreement.RequestKey;
import io.tollway.domain.model.agreement.TerminationCause;
import io.tollway.domain.model.offering.Offering;
import io.tollway.domain.model.offering.OfferingNotFound;
import io.tollway.domain.model.offering.OfferingRepository;
import io.tollway.domain.model.offering.OfferingStatus;
import io.tollway.domain.model.offering.SettlementModel;
import io.tollway.infrastructure.chain.escrow.EscrowAgreementOnChain;
import io.tollway.infrastructure.chain.escrow.EscrowChain;
import io.tollway.infrastructure.chain.escrow.EscrowWalletCalls;
import io.tollway.infrastructure.chain.transaction.ContractCall;
import io.tollway.infrastructure.sealing.ConsumerKey;
import io.tollway.infrastructure.sealing.CredentialSeal;
import io.tollway.process.agreement.AgreementProcesses;
import io.tollway.process.agreement.AgreementVariables;
import io.tollway.process.engine.EngineClock;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The agreements' use cases for the API: a consumer requests one and approves or rejects it, the
 * provider reports usage and provisioning, either party stops it, and each caller reads only the
 * agreements it is a party of (another's are answered as not found).
 */
@Stateless
@LocalBean
@Local(ProvisioningReports.class)
public class Agreements implements ProvisioningReports {

    @Inject
    private AgreementRepository agreements;

    @Inject
    private OfferingRepository offerings;

    @Inject
    private AgreementProcesses processes;

    @Inject
    private EscrowChain escrow;

    @Inject
    private ChannelChain channelChain;

    @Inject
    private ChannelAgreements channels;

    private static OffsetDateTime now() {
        return EngineClock.now().atOffset(ZoneOffset.UTC);
    }

    /** The agreement if the caller may see it; otherwise not found, whether or not it exists. */
    private Agreement visible(Caller caller, String id) {
        return visible(caller, agreements.find(id), id);
    }

    static Agreement visible(Caller caller, Optional<Agreement> agreement, String id) {
        return agreement.filter(caller::sees).orElseThrow(() -> new AgreementNotFound(id));
    }

    /** @param requestKey the consumer's Idempotency-Key with the request's fingerprint, or null (see AgreementRequests) */
    public AgreementView request(Caller consumer, String offeringId, String consumerAddress, String consumerPublicKey,
                                 RequestKey requestKey) {
        Offering offering = offerings.find(offeringId).orElseThrow(() -> new OfferingNotFound(offeringId));
        if (offering.status() != OfferingStatus.PUBLISHED) {
            throw new IllegalArgumentException("offering " + offeringId + " is " + offering.status() + ", not PUBLISHED");
        }
        ConsumerKey key = ConsumerKey.of(consumerPublicKey, consumerAddress);
        // offerings stored before they had terms cannot be agreed on
        String json = switch (offering.settlementModel()) {
            case ESCROW -> offering.escrowTerms().map(AgreementTermsJson::of)
                    .orElseThrow(() -> new IllegalArgumentException("offering " + offeringId + " has no terms"));
            case CHANNEL -> offering.channelTerms().map(AgreementTermsJson::of)
                    .orElseThrow(() -> new IllegalArgumentException("offering " + offeringId + " has no terms"));
        };
        Agreement agreement = Agreement.request(offering.id(), offering.providerId(), consumer.accountId(), consumerAddress,
                offering.settlementModel(), json, AgreementTermsJson.hash(json), now());
        agreement.sealTo(key.publicKeyHex());
        if (requestKey != null) {
            agreement.requestedWith(requestKey);
        }
        agreements.add(agreement);
        processes.startSetup(agreement.id(), agreement.settlementModel());
        return view(consumer, agreement, false);
    }

    /**
     * The agreement as last committed, read-only: a transaction's own changes are not in it (see
     * {@link #current}). Reads run in the caller's transaction if it has one, and otherwise in none:
     * a read changes nothing, and a transaction of its own cost each read its begin, a comparison of
     * everything read with its original and a commit (a tenth of a read's time in a profile of the
     * benchmark's reads).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public AgreementView find(Caller caller, String id, boolean withChain) {
        return view(caller, visible(caller, agreements.read(id), id), withChain);
    }

    /**
     * The agreement as the caller's transaction has it, with that transaction's changes (which
     * {@link #find} does not see: it reads what was last committed). For a use case that changed
     * the agreement and answers with it.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public AgreementView current(Caller caller, String id) {
        return view(caller, visible(caller, id), false);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<AgreementView> page(Caller caller, int offset, int limit) {
        return agreements.page(caller.seesEveryTenant() ? null : caller.accountId(), offset, limit).stream()
                .map(a -> view(caller, a, false)).toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long count(Caller caller) {
        return agreements.count(caller.seesEveryTenant() ? null : caller.accountId());
    }

    /**
     * The consumer's decision on the current terms. An approval is recorded and answered with the
     * call its wallet must send (the chain's approval is what binds); a rejection ends the agreement.
     */
    public AgreementView consumerDecision(Caller consumer, String id, boolean approve, String termsHash, String reason) {
        // the API lets only consumers here, and a consumer sees only its own agreements
        Agreement agreement = visible(consumer, id);
        if (agreement.status() != AgreementStatus.AWAITING_APPROVAL) {
            throw new io.tollway.domain.model.agreement.IllegalAgreementTransition(id, agreement.status(), approve ? "be approved" : "be rejected");
        }
        if (approve) {
            agreement.approve(Party.CONSUMER, termsHash, now());
            if (agreement.settlementModel() == SettlementModel.CHANNEL) {
                // no chain approval follows: the approval's wait looks at both approvals now
                processes.tell(id, AgreementVariables.APPROVALS_CHANGED_MESSAGE, Map.of());
            }
        } else {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a rejection needs a reason");
            }
            processes.tell(id, AgreementVariables.CONSUMER_REJECTED_MESSAGE, Map.of(AgreementVariables.REASON, reason.strip()));
        }
        return view(consumer, agreement, false);
    }

    /** Either party ends the agreement; a second stop while it terminates changes nothing. */
    public AgreementView stop(Caller caller, String id) {
        Agreement agreement = visible(caller, id);
        // an admin stops on the provider's side: the operator runs the service
        TerminationCause cause = caller.is(Role.CONSUMER) ? TerminationCause.STOPPED_BY_CONSUMER : TerminationCause.STOPPED_BY_PROVIDER;
        if (agreement.status() == AgreementStatus.TERMINATED) {
            throw new io.tollway.domain.model.agreement.IllegalAgreementTransition(id, agreement.status(), "be stopped");
        }
        processes.startTermination(id, cause);
        return view(caller, agreement, false);
    }

    /** An accepted usage report: an amount (escrow) or units with the channel's totals (payment channel). */
    public record UsageAccepted(String idempotencyKey, String amount, Long units, Long totalUnits, Long unpaidUnits,
                                java.time.Instant reportedAt) {
    }

    /** A consumer's cheque for one of its agreements. */
    public record ChequeSent(Caller consumer, String agreementId, BigInteger balance, String signature) {
    }

    /**
     * Consumers' cheques, each for one of its own payment-channel agreements, in one transaction,
     * each taken or refused on its own; see {@link ChannelAgreements#chequeAll}.
     */
    public List<ChannelAgreements.ChequeOutcome> chequeAll(List<ChequeSent> cheques) {
        Map<String, Agreement> found = agreements.readAll(cheques.stream().map(ChequeSent::agreementId).collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(Agreement::id, Function.identity()));
        ChannelAgreements.ChequeOutcome[] outcomes = new ChannelAgreements.ChequeOutcome[cheques.size()];
        List<Integer> forChannels = new ArrayList<>();
        for (int i = 0; i < cheques.size(); i++) {
            ChequeSent sent = cheques.get(i);
            Agreement agreement = found.get(sent.agreementId());
            if (agreement == null || !sent.consumer().sees(agreement)) {
                outcomes[i] = ChannelAgreements.ChequeOutcome.refused(new AgreementNotFound(sent.agreementId()));
            } else if (agreement.settlementModel() != SettlementModel.CHANNEL) {
                outcomes[i] = ChannelAgreements.ChequeOutcome.refused(new UnsupportedModel(agreement.settlementModel(), "cheques"));
            } else {
                forChannels.add(i);
            }
        }
        List<ChannelAgreements.ChequeOutcome> taken = channels.chequeAll(forChannels.stream()
                .map(i -> new ChannelAgreements.ChequeSent(found.get(cheques.get(i).agreementId()), cheques.get(i).balance(),
                        cheques.get(i).signature()))
                .toList());
        for (int j = 0; j < forChannels.size(); j++) {
            outcomes[forChannels.get(j)] = taken.get(j);
        }
        return List.of(outcomes);
    }

    @Override
    public void report(String agreementId, String providerId, ProviderCommandKind command, boolean succeeded,
                       String credentialsOrNull, String message) {
        Agreement agreement = agreements.find(agreementId).filter(a -> a.providerId().equals(providerId))
                .orElseThrow(() -> new AgreementNotFound(agreementId));
        if (command != ProviderCommandKind.PROVISION) {
            return; // suspend, resume and deprovision need no answer to go on; the log of the webhook has them
        }
        if (succeeded && agreement.sealedCredentials() == null) {
            if (credentialsOrNull == null || credentialsOrNull.isBlank()) {
                throw new IllegalArgumentException("a successful provisioning must bring the consumer's credentials");
            }
            ConsumerKey key = ConsumerKey.of(agreement.consumerPublicKey(), agreement.consumerAddress());
            agreement.credentialsSealed(CredentialSeal.seal(key, credentialsOrNull.getBytes(StandardCharsets.UTF_8)));
        }
        agreement.provisioningReported(succeeded, message);
        processes.tell(agreementId, AgreementVariables.PROVISIONING_REPORTED_MESSAGE, Map.of());
    }

    /**
     * The agreement as the caller may see it. Its bills and its channel are read as last committed:
     * no use case changes them in the transaction it answers with this view.
     */
    private AgreementView view(Caller caller, Agreement a, boolean withChain) {
        AgreementRepository.BillTotals billed = agreements.billTotals(a.id());
        AgreementView.OnChain onChain = null;
        if (withChain && a.onChainId() != null && a.settlementModel() == SettlementModel.ESCROW) {
            EscrowAgreementOnChain c = escrow.agreement(a.onChainId());
            onChain = new AgreementView.OnChain(c.status(), c.deposited().toString(), c.remaining().toString(), c.lastBillAt());
        }
        AgreementView.Balances balances = new AgreementView.Balances(a.escrowDeposited().toString(), a.escrowRemaining().toString(),
                billed.paid().toString(), a.billCount(), a.lastBillAt() == null ? null : a.lastBillAt().toInstant(), onChain);
        boolean isConsumer = a.consumerId().equals(caller.accountId());
        return new AgreementView(a.id(), a.offeringId(), a.providerId(), a.consumerId(), a.consumerAddress(), a.settlementModel().name(),
                a.status().name(), a.terminationCause() == null ? null : a.terminationCause().name(), a.terms(), a.termsHash(),
                a.isApprovedBy(Party.CONSUMER), a.isApprovedBy(Party.PROVIDER), a.onChainId(), a.requestedAt().toInstant(), balances,
                new AgreementView.Provisioning(a.provisioningState(), a.provisioningNote()),
                isConsumer ? a.sealedCredentials() : null, processes.activeSteps(a.id()),
                a.history().stream().map(c -> new AgreementView.Change(c.at().toInstant(),
                        c.from() == null ? null : c.from().name(), c.to().name(), c.reason())).toList(),
                AgreementView.Links.of(a.id(), a.settlementModel() == SettlementModel.CHANNEL),
                isConsumer ? wallet(a) : null, a.settlementModel() == SettlementModel.CHANNEL ? channels.view(a).orElse(null) : null);
    }

    /** The calls the consumer's wallet sends next, by the agreement's status. */
    private AgreementView.Wallet wallet(Agreement a) {
        if (a.settlementModel() == SettlementModel.CHANNEL) {
            return channelWallet(a);
        }
        if (a.onChainId() == null) {
            return null;
        }
        String contract = escrow.escrowAddress();
        String token = escrow.tokenAddress();
        BigInteger id = new BigInteger(a.onChainId());
        List<AgreementView.WalletCall> calls = new ArrayList<>();
        EscrowTerms terms = AgreementTermsJson.escrow(a.terms());
        switch (a.status()) {
            case AWAITING_APPROVAL -> {
                // changed terms on their way to the chain: an approval now would be of the old ones
                if (escrow.agreement(a.onChainId()).terms().filter(terms::equals).isPresent()) {
                    calls.add(call("approve the terms", EscrowWalletCalls.approve(contract, id, escrow.termsHash(a.onChainId()))));
                }
            }
            case AWAITING_DEPOSIT -> {
                BigInteger first = terms.minimumFirstDeposit().max(BigInteger.ONE);
                calls.add(call("allow the escrow to take the deposit", EscrowWalletCalls.allowDeposits(token, contract, first)));
                calls.add(call("deposit (at least this much)", EscrowWalletCalls.deposit(contract, id, first)));
            }
            case ACTIVE, SUSPENDED -> calls.add(call("stop the agreement", EscrowWalletCalls.stop(contract, id)));
            case TERMINATED -> {
                if (a.escrowRemaining().signum() > 0) {
                    calls.add(call("withdraw the refund", EscrowWalletCalls.withdrawRefund(contract, id)));
                }
            }
            default -> {
            }
        }
        return new AgreementView.Wallet(escrow.chainId(), contract, token, calls);
    }

    /** A channel agreement's wallet calls: open the channel once both approved; while it runs, the consumer's own way out. */
    private AgreementView.Wallet channelWallet(Agreement a) {
        String contract = channelChain.channelsAddress();
        String token = escrow.tokenAddress();
        ChannelTerms terms = ChannelAgreements.terms(a);
        List<AgreementView.WalletCall> calls = new ArrayList<>();
        switch (a.status()) {
            case AWAITING_DEPOSIT -> {
                if (channels.openedChannel(a.id()).isEmpty()) {
                    BigInteger deposit = terms.minimumDeposit();
                    calls.add(call("allow the channels contract to take the deposit", ChannelWalletCalls.allowDeposits(token, contract, deposit)));
                    calls.add(call("deposit (at least this much) opening the channel", ChannelWalletCalls.createChannel(contract,
                            channelChain.agentAddress(), ChannelAgreements.offeringHash(a), deposit)));
                }
            }
            case TERMINATED -> calls.add(call("withdraw refunds of closed channels", ChannelWalletCalls.withdraw(contract)));
            default -> {
            }
        }
        return new AgreementView.Wallet(escrow.chainId(), contract, token, calls);
    }

    private static AgreementView.WalletCall call(String purpose, ContractCall call) {
        return new AgreementView.WalletCall(purpose, call.to(), call.dataHex(), call.value().toString());
    }

    /** 409: the idempotency key was used with another amount. */
    public static class ReplayedKey extends RuntimeException {
        public ReplayedKey(String key) {
            super("idempotency key " + key + " was used before with another amount");
        }
    }

    /** 422: usage beyond what the terms allow for the time since the last bill. */
    public static class OverCap extends RuntimeException {
        public OverCap(String id, BigInteger unbilled, BigInteger amount, BigInteger cap) {
            super("usage " + amount + " on top of " + unbilled + " unbilled exceeds the cap of " + cap
                    + " for the time since agreement " + id + " was last billed");
        }
    }

    /** 422: what was asked for does not exist in the agreement's settlement model. */
    public static class UnsupportedModel extends RuntimeException {
        public UnsupportedModel(SettlementModel model, String what) {
            super(what + " are not part of " + model + " agreements");
        }
    }
}
