package io.tollway.application.agreement;

import io.tollway.application.account.Accounts;
import io.tollway.application.channel.ChannelAgreements;
import io.tollway.domain.model.channel.ChannelTerms;
import io.tollway.domain.model.channel.ServiceDecision;
import io.tollway.domain.model.offering.SettlementModel;
import io.tollway.infrastructure.chain.TokenCalls;
import io.tollway.infrastructure.chain.channels.ChannelCalls;
import io.tollway.infrastructure.chain.channels.ChannelChain;
import io.tollway.domain.model.account.Account;
import io.tollway.domain.model.agreement.Agreement;
import io.tollway.domain.model.agreement.AgreementNotFound;
import io.tollway.domain.model.agreement.AgreementRepository;
import io.tollway.domain.model.agreement.AgreementStatus;
import io.tollway.domain.model.agreement.Bill;
import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.domain.model.agreement.Party;
import io.tollway.domain.model.agreement.ProviderCommandKind;
import io.tollway.domain.model.agreement.TerminationCause;
import io.tollway.domain.model.agreement.UnbilledUsage;
import io.tollway.infrastructure.chain.ChainGatewayService;
import io.tollway.infrastructure.chain.escrow.EscrowAgreementOnChain;
import io.tollway.infrastructure.chain.escrow.EscrowCalls;
import io.tollway.infrastructure.chain.escrow.EscrowChain;
import io.tollway.infrastructure.chain.transaction.ChainTransaction;
import io.tollway.infrastructure.chain.transaction.ContractCall;
import io.tollway.infrastructure.provider.ProviderCommand;
import io.tollway.infrastructure.provider.ServiceControllers;
import io.tollway.process.agreement.AgreementProcesses;
import io.tollway.process.agreement.AgreementVariables;
import io.tollway.process.engine.EngineClock;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The steps of an agreement's life, one method per process step, for both settlement models (the
 * channel's rules are {@link ChannelAgreements}'); the delegates only pass the agreement's id in
 * and the answer out. Each step reads the chain or the provider's answer
 * as it is now, so a step run again after a crash or a retry does the same thing once.
 */
@Stateless
public class AgreementLife {

    private static final Logger LOG = Logger.getLogger(AgreementLife.class.getName());
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
    private static final Set<String> APPROVED_ON_CHAIN = Set.of("Approved", "Active", "Stopped", "OutOfFunds");

    @Inject
    private AgreementRepository agreements;

    @Inject
    private EscrowChain escrow;

    @Inject
    private ChainGatewayService gateway;

    @Inject
    private AgreementProcesses processes;

    @Inject
    private Accounts accounts;

    @Inject
    private ServiceControllers serviceControllers;

    @Inject
    private ChannelChain channelChain;

    @Inject
    private ChannelAgreements channels;

    /**
     * One chain step: its idempotency key (subject, step) and its call. The subject is the
     * agreement, except for what an offering needs once for all its agreements.
     */
    public record ChainStep(String subject, String step, ContractCall call) {
    }

    private static boolean isChannel(Agreement agreement) {
        return agreement.settlementModel() == SettlementModel.CHANNEL;
    }

    private static OffsetDateTime now() {
        // the engine's clock, so tests that move it see the same time in the agreements
        return EngineClock.now().atOffset(ZoneOffset.UTC);
    }

    private Agreement agreement(String id) {
        return agreements.find(id).orElseThrow(() -> new AgreementNotFound(id));
    }

    private static BigInteger id(Agreement agreement) {
        return new BigInteger(agreement.onChainId());
    }

    // ---------------------------------------------------------------- chain steps

    /** The call a chain step of the agreement's processes makes, by the step's activity id. */
    public ChainStep chainStep(String activityId, String agreementId, Integer billNumber, String escrowAction) {
        Agreement agreement = agreement(agreementId);
        if (isChannel(agreement)) {
            return channelStep(activityId, agreement);
        }
        String contract = escrow.escrowAddress();
        return switch (activityId) {
            case "createEscrowAgreement" -> new ChainStep(agreementId, "create",
                    EscrowCalls.createAgreement(contract, agreement.consumerAddress(), gateway.signerAddress(ChainGatewayService.OPERATOR)));
            case "setEscrowTerms", "changeEscrowTerms" -> new ChainStep(agreementId, "terms-" + agreement.termsHash() + round(agreement),
                    EscrowCalls.setTerms(contract, id(agreement), terms(agreement), ZERO_ADDRESS));
            case "setEscrowMetadata" -> new ChainStep(agreementId, "metadata", EscrowCalls.setMetadata(contract, id(agreement), "tollway:" + agreement.id()));
            case "approveOnChain" -> {
                String hash = escrow.termsHash(agreement.onChainId());
                yield new ChainStep(agreementId, "approve-" + hash + round(agreement), EscrowCalls.approve(contract, id(agreement), hash));
            }
            case "submitBill" -> {
                Bill bill = agreements.bill(agreementId, billNumber).orElseThrow();
                yield new ChainStep(agreementId, "bill-" + billNumber, EscrowCalls.bill(contract, id(agreement), bill.variableAmount(), bill.ref()));
            }
            case "endEscrow" -> "REJECT".equals(escrowAction)
                    ? new ChainStep(agreementId, "reject", EscrowCalls.reject(contract, id(agreement)))
                    : new ChainStep(agreementId, "stop", EscrowCalls.stop(contract, id(agreement)));
            default -> throw new IllegalArgumentException("no chain step " + activityId);
        };
    }

    private ChainStep channelStep(String activityId, Agreement agreement) {
        // the offering's registration serves all its agreements: keyed by the offering, sent once
        String offering = "offering:" + agreement.offeringId();
        String hash = ChannelAgreements.offeringHash(agreement);
        ChannelTerms terms = ChannelAgreements.terms(agreement);
        return switch (activityId) {
            case "allowChannelStake" -> new ChainStep(offering, "allow-stake-" + hash,
                    TokenCalls.approve(escrow.tokenAddress(), channelChain.channelsAddress(), terms.stake()));
            case "registerChannelOffering" -> new ChainStep(offering, "register-" + hash,
                    ChannelCalls.registerOffering(channelChain.channelsAddress(), hash, terms));
            case "endEscrow" -> new ChainStep(agreement.id(), "close-" + channels.closingBalance(agreement.id()),
                    channels.closeCall(agreement.id()));
            default -> throw new IllegalArgumentException("no chain step " + activityId + " for a channel agreement");
        };
    }

    /** Whether the channel offering of the agreement is registered on chain (then its agreements' channels can open). */
    public boolean offeringOnChain(String agreementId) {
        return channelChain.offering(ChannelAgreements.offeringHash(agreement(agreementId))).exists();
    }

    /**
     * The terms' round in a step's key: terms changed back to earlier ones need their steps sent
     * again. Nothing for the first round, so steps asked for before changes existed keep their keys.
     */
    private static String round(Agreement agreement) {
        int round = agreement.termsRound();
        return round == 1 ? "" : "-round-" + round;
    }

    private static EscrowTerms terms(Agreement agreement) {
        return AgreementTermsJson.escrow(agreement.terms());
    }

    // ---------------------------------------------------------------- setup

    /** After createAgreement: the id the escrow gave, from the transaction's event. */
    public String recordEscrowId(String agreementId, String transactionHash) {
        Agreement agreement = agreement(agreementId);
        if (agreement.onChainId() != null) {
            return agreement.onChainId();
        }
        String onChainId = escrow.createdAgreementId(transactionHash)
                .orElseThrow(() -> new IllegalStateException("transaction " + transactionHash + " created no escrow agreement"));
        agreement.onChain(onChainId);
        return onChainId;
    }

    /** The approval process has begun (its consumer-rejection wait exists now): the agreement awaits approvals. */
    public void openApproval(String agreementId) {
        agreement(agreementId).openApproval(now());
    }

    /** Whether the chain says both parties approved; records it once. */
    public boolean checkApproval(String agreementId) {
        Agreement agreement = agreement(agreementId);
        if (agreement.status() != AgreementStatus.AWAITING_APPROVAL) {
            return agreement.status() != AgreementStatus.REQUESTED;
        }
        if (isChannel(agreement)) {
            return agreement.approvedByBoth(now()); // no escrow to approve on: the parties' word binds
        }
        EscrowAgreementOnChain onChain = escrow.agreement(agreement.onChainId());
        if (!APPROVED_ON_CHAIN.contains(onChain.status())) {
            return false;
        }
        agreement.approvedOnChain(now());
        return true;
    }

    public void recordProviderApproval(String agreementId) {
        Agreement agreement = agreement(agreementId);
        if (agreement.status() == AgreementStatus.AWAITING_APPROVAL && !agreement.isApprovedBy(Party.PROVIDER)) {
            agreement.approve(Party.PROVIDER, agreement.termsHash(), now());
        }
    }

    /** Keeps who rejected and why with the agreement (its termination follows). */
    public void recordRejection(String agreementId, Party party, String reason) {
        Agreement agreement = agreement(agreementId);
        if (agreement.status() == AgreementStatus.AWAITING_APPROVAL) {
            agreement.rejected(party, reason, now());
        }
    }

    /** Whether the consumer's first deposit activated the escrow; the agreement then awaits provisioning. */
    public boolean checkDeposit(String agreementId) {
        Agreement agreement = agreement(agreementId);
        if (agreement.status() != AgreementStatus.AWAITING_DEPOSIT) {
            return agreement.status() == AgreementStatus.PROVISIONING || agreement.status().isLive();
        }
        if (isChannel(agreement)) {
            Optional<String> channelKey = channels.openedChannel(agreementId);
            channelKey.ifPresent(key -> {
                agreement.onChain(key);
                agreement.depositReceived(now());
            });
            return channelKey.isPresent();
        }
        EscrowAgreementOnChain onChain = escrow.agreement(agreement.onChainId());
        if (!"Active".equals(onChain.status())) {
            return false;
        }
        agreement.escrowSeen(onChain.deposited(), onChain.remaining());
        agreement.depositReceived(now());
        return true;
    }

    /** Sends a command to the provider's service controller; a failure throws, and the job retries. */
    public void command(String agreementId, ProviderCommandKind kind, long sequence) {
        Agreement agreement = agreement(agreementId);
        Account provider = accounts.find(agreement.providerId()).filter(account -> account.webhookUrl() != null)
                .orElseThrow(() -> new IllegalStateException("provider " + agreement.providerId() + " has no service controller configured"));
        serviceControllers.send(URI.create(provider.webhookUrl()), provider.webhookSecret(),
                ProviderCommand.of(agreementId, kind, sequence, agreement.consumerAddress(), agreement.offeringId()));
        LOG.info(() -> kind + " sent to " + agreement.providerId() + " for agreement " + agreementId);
    }

    /** Null while the provider has not answered the provisioning; otherwise whether it succeeded. */
    public Boolean provisioningOutcome(String agreementId) {
        String state = agreement(agreementId).provisioningState();
        return state == null ? null : "SUCCEEDED".equals(state);
    }

    public void startBilling(String agreementId) {
        Agreement agreement = agreement(agreementId);
        processes.startBilling(agreementId, agreement.onChainId(), agreement.settlementModel());
    }

    public void activate(String agreementId) {
        Agreement agreement = agreement(agreementId);
        if (agreement.status() != AgreementStatus.ACTIVE) {
            agreement.activate(now());
        }
    }

    // ---------------------------------------------------------------- billing

    /** The next bill: the usage not billed yet, as far as the cap for the time since the last bill allows. */
    public int prepareBill(String agreementId) {
        Agreement agreement = agreement(agreementId);
        int number = agreement.nextBillNumber();
        if (agreements.bill(agreementId, number).isPresent()) {
            return number; // a retried job: the bill is prepared already
        }
        EscrowTerms terms = terms(agreement);
        EscrowAgreementOnChain onChain = escrow.agreement(agreement.onChainId());
        // the contract bills by its block time, so the cap is computed by the chain's clock too
        long seconds = EscrowTerms.billableSeconds(onChain.lastBillAt(), escrow.latestBlockTime());
        BigInteger cap = terms.usageCap(seconds);
        BigInteger charged = BigInteger.ZERO;
        List<Long> reports = new ArrayList<>();
        for (UnbilledUsage usage : agreements.unbilledUsage(agreementId)) {
            if (charged.add(usage.amount()).compareTo(cap) > 0) {
                break; // the rest waits for the next bill, whose cap covers more time
            }
            charged = charged.add(usage.amount());
            reports.add(usage.reportId());
        }
        agreements.charge(agreementId, number, reports);
        agreements.add(new Bill(agreementId, number, charged, now()));
        return number;
    }

    /** Settles the bill with what its transaction did; answers whether the deposit ran out. */
    public BillResult recordBill(String agreementId, int number, String transactionHash, Long chainTransactionId) {
        Agreement agreement = agreement(agreementId);
        Bill bill = agreements.bill(agreementId, number).orElseThrow();
        EscrowAgreementOnChain onChain = escrow.agreement(agreement.onChainId());
        if (bill.state() == Bill.State.PENDING) {
            EscrowChain.BillOutcome outcome = escrow.billOutcome(transactionHash, agreement.onChainId());
            Bill.State state = outcome.outOfFunds() ? Bill.State.OUT_OF_FUNDS : outcome.paid() ? Bill.State.PAID : Bill.State.REJECTED;
            bill.settled(state, outcome.baseAmount(), outcome.amountPaid(), outcome.billedSeconds(), chainTransactionId, now());
            agreement.billed(number, now());
            agreement.escrowSeen(onChain.deposited(), onChain.remaining());
        }
        EscrowTerms terms = terms(agreement);
        boolean outOfFunds = "OutOfFunds".equals(onChain.status());
        // low: less than an hour of base fee left
        boolean low = onChain.remaining().compareTo(terms.baseFeePerHour()) < 0;
        return new BillResult(outOfFunds, low, agreement.status() == AgreementStatus.SUSPENDED);
    }

    /** A channel agreement's review: what the channel's rules say now (recorded on its ledger). */
    public ServiceDecision reviewChannel(String agreementId) {
        return channels.review(agreementId);
    }

    /** What a recorded bill means for the cycle. */
    public record BillResult(boolean outOfFunds, boolean lowBalance, boolean suspended) {
    }

    public void startSuspension(String agreementId) {
        Agreement agreement = agreement(agreementId);
        if (!processes.isRunning(io.tollway.processes.ProcessModels.AGREEMENT_SUSPENSION, agreementId)) {
            processes.startSuspension(agreementId, agreement.onChainId());
        }
    }

    /** @param adminReason an admin's reason when the console suspended it; null for the terms' own reasons */
    public void suspend(String agreementId, String adminReason) {
        Agreement agreement = agreement(agreementId);
        if (agreement.status() == AgreementStatus.ACTIVE) {
            String reason = adminReason != null ? "suspended by an admin: " + adminReason
                    : isChannel(agreement) ? "payment lags usage by " + channels.unpaidUnits(agreementId) + " units" : "balance low";
            agreement.suspend(reason, now());
        }
    }

    /** When a suspension ends the agreement: the grace period, or for a channel its terms' maximum suspension. */
    public Date suspensionDeadline(String agreementId, Duration grace) {
        return isChannel(agreement(agreementId)) ? Date.from(channels.suspensionDeadline(agreementId)) : after(grace);
    }

    /** Whether a top-up brought the deposit back above an hour of base fee. */
    public boolean paidEnough(String agreementId) {
        Agreement agreement = agreement(agreementId);
        if (isChannel(agreement)) {
            return channels.paidEnough(agreementId);
        }
        EscrowAgreementOnChain onChain = escrow.agreement(agreement.onChainId());
        agreement.escrowSeen(onChain.deposited(), onChain.remaining());
        return "Active".equals(onChain.status()) && onChain.remaining().compareTo(terms(agreement).baseFeePerHour()) >= 0;
    }

    // ---------------------------------------------------------------- termination

    /** What the termination will do: whether to deprovision, and what the chain needs (REJECT, STOP or CLOSE a channel; NONE). */
    public record TerminationPlan(boolean provisioned, String escrowAction) {
    }

    public TerminationPlan beginTermination(String agreementId, TerminationCause cause) {
        Agreement agreement = agreement(agreementId);
        if (agreement.status() != AgreementStatus.TERMINATING && agreement.status() != AgreementStatus.TERMINATED) {
            agreement.beginTermination(cause, now());
        }
        processes.tell(agreementId, AgreementVariables.TERMINATING_MESSAGE, java.util.Map.of());
        String action = "NONE";
        if (isChannel(agreement)) {
            action = channels.closesOnChain(agreementId) ? "CLOSE" : "NONE";
        } else if (agreement.onChainId() != null) {
            String status = escrow.agreement(agreement.onChainId()).status();
            action = switch (status) {
                case "Created", "Ready" -> "REJECT";
                case "Approved", "Active" -> "STOP";
                default -> "NONE";
            };
        }
        return new TerminationPlan(agreement.provisioned(), action);
    }

    public void recordSettlement(String agreementId) {
        Agreement agreement = agreement(agreementId);
        if (agreement.onChainId() != null && !isChannel(agreement)) {
            EscrowAgreementOnChain onChain = escrow.agreement(agreement.onChainId());
            agreement.escrowSeen(onChain.deposited(), onChain.remaining());
        }
        if (agreement.status() != AgreementStatus.TERMINATED) {
            agreement.terminate(agreement.terminationCause(), null, now());
        }
    }

    /** A deadline as the processes' timers take it. */
    public static Date after(Duration duration) {
        return Date.from(EngineClock.now().plus(duration));
    }

    public List<Bill> bills(String agreementId) {
        return agreements.bills(agreementId);
    }

    /** The hash of the chain transaction a call activity finished with. */
    public String hashOf(long chainTransactionId) {
        return gateway.find(chainTransactionId).map(ChainTransaction::hash).orElseThrow();
    }
}
