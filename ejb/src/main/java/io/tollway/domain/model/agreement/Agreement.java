package io.tollway.domain.model.agreement;

import io.tollway.domain.model.offering.SettlementModel;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A consumer's agreement with a provider on one offering, under one settlement model.
 *
 * <p>Terms bind only when both parties approved the same terms (identified by their hash); a
 * change of terms after one approval resets both (a defect of TFChain's design otherwise lets a
 * provider raise fees under an approval given for lower ones). Every status change is kept with
 * its time and reason; a terminated agreement names its {@link TerminationCause}.
 */
@Entity
@Table(name = "agreement")
public class Agreement {

    @Id
    private String id;

    @Column(name = "offering_id", nullable = false)
    private String offeringId;

    @Column(name = "provider_id", nullable = false)
    private String providerId;

    @Column(name = "consumer_id", nullable = false)
    private String consumerId;

    @Column(name = "consumer_address", nullable = false)
    private String consumerAddress;

    @Enumerated(EnumType.STRING)
    @Column(name = "settlement_model", nullable = false)
    private SettlementModel settlementModel;

    @Column(name = "terms", nullable = false)
    private String terms;

    @Column(name = "terms_hash", nullable = false)
    private String termsHash;

    @Column(name = "consumer_approved_hash")
    private String consumerApprovedHash;

    @Column(name = "provider_approved_hash")
    private String providerApprovedHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AgreementStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "termination_cause")
    private TerminationCause terminationCause;

    /** What the chain calls it: the escrow agreement's id, or the channel's key. */
    @Column(name = "on_chain_id")
    private String onChainId;

    @Column(name = "requested_at", nullable = false)
    private OffsetDateTime requestedAt;

    /** The consumer's secp256k1 public key: credentials are sealed so that only its key opens them. */
    @Column(name = "consumer_public_key")
    private String consumerPublicKey;

    /** The provider's last provisioning answer: null (none yet), SUCCEEDED or FAILED. */
    @Column(name = "provisioning_state")
    private String provisioningState;

    @Column(name = "provisioning_note")
    private String provisioningNote;

    /** Whether the service was ever provisioned, so the termination knows to deprovision it. */
    @Column(nullable = false)
    private boolean provisioned;

    @Column(name = "sealed_credentials")
    private String sealedCredentials;

    /** The escrow's figures as the chain last told them. */
    @Column(name = "escrow_deposited", nullable = false)
    private java.math.BigInteger escrowDeposited = java.math.BigInteger.ZERO;

    @Column(name = "escrow_remaining", nullable = false)
    private java.math.BigInteger escrowRemaining = java.math.BigInteger.ZERO;

    @Column(name = "last_bill_at")
    private OffsetDateTime lastBillAt;

    @Column(name = "bill_count", nullable = false)
    private int billCount;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "agreement_status_change", joinColumns = @JoinColumn(name = "agreement_id"))
    @OrderColumn(name = "position")
    private List<StatusChange> history = new ArrayList<>();

    @Version
    private long version;

    protected Agreement() {
        // for JPA
    }

    private Agreement(String offeringId, String providerId, String consumerId, String consumerAddress,
                      SettlementModel settlementModel, String terms, String termsHash, OffsetDateTime now) {
        this.id = UUID.randomUUID().toString();
        this.offeringId = requireText(offeringId, "offeringId");
        this.providerId = requireText(providerId, "providerId");
        this.consumerId = requireText(consumerId, "consumerId");
        if (consumerAddress == null || !consumerAddress.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("consumerAddress must be an address (0x and 40 hex digits)");
        }
        this.consumerAddress = consumerAddress.toLowerCase();
        this.settlementModel = Objects.requireNonNull(settlementModel, "settlementModel");
        this.terms = requireText(terms, "terms");
        this.termsHash = requireText(termsHash, "termsHash");
        this.status = AgreementStatus.REQUESTED;
        this.requestedAt = now;
        history.add(new StatusChange(now, null, AgreementStatus.REQUESTED, "requested"));
    }

    /** A consumer's request on an offering, with the offering's terms at this moment. */
    public static Agreement request(String offeringId, String providerId, String consumerId, String consumerAddress,
                                    SettlementModel settlementModel, String terms, String termsHash, OffsetDateTime now) {
        return new Agreement(offeringId, providerId, consumerId, consumerAddress, settlementModel, terms, termsHash, now);
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value.strip();
    }

    public void sealTo(String publicKey) {
        this.consumerPublicKey = requireText(publicKey, "consumerPublicKey");
    }

    /** The provider's answer to the provisioning command; a second answer after a success changes nothing. */
    public void provisioningReported(boolean succeeded, String note) {
        if ("SUCCEEDED".equals(provisioningState)) {
            return;
        }
        provisioningState = succeeded ? "SUCCEEDED" : "FAILED";
        provisioningNote = note == null ? null : note.substring(0, Math.min(note.length(), 500));
        provisioned |= succeeded;
    }

    public void credentialsSealed(String sealed) {
        this.sealedCredentials = requireText(sealed, "sealed credentials");
    }

    /** What the chain says of the escrow now. */
    public void escrowSeen(java.math.BigInteger deposited, java.math.BigInteger remaining) {
        this.escrowDeposited = Objects.requireNonNull(deposited, "deposited");
        this.escrowRemaining = Objects.requireNonNull(remaining, "remaining");
    }

    /** The number the next bill gets (bills are numbered 1, 2, … per agreement). */
    public int nextBillNumber() {
        return billCount + 1;
    }

    public void billed(int number, OffsetDateTime at) {
        if (number != billCount + 1) {
            throw new IllegalStateException("bill " + number + " of agreement " + id + " is not the next one (" + (billCount + 1) + ")");
        }
        billCount = number;
        lastBillAt = at;
    }

    /** The agreement exists on chain (its escrow id, or its channel's key). */
    public void onChain(String onChainId) {
        if (this.onChainId != null && !this.onChainId.equals(onChainId)) {
            throw new IllegalStateException("agreement " + id + " is on chain as " + this.onChainId + " already");
        }
        this.onChainId = requireText(onChainId, "onChainId");
    }

    /** Its terms are on chain: both parties may approve now. Opening it again (after new terms) changes nothing. */
    public void openApproval(OffsetDateTime now) {
        if (status == AgreementStatus.AWAITING_APPROVAL) {
            return;
        }
        if (settlementModel == SettlementModel.CHANNEL) {
            // a channel exists on chain only once the consumer opens it, after both approved
            moveTo(AgreementStatus.AWAITING_APPROVAL, "terms offered", now, "open approval");
            return;
        }
        if (onChainId == null) {
            throw new IllegalAgreementTransition(id, status, "open its approval before it is on chain");
        }
        moveTo(AgreementStatus.AWAITING_APPROVAL, "on chain as " + onChainId, now, "open approval");
    }

    /**
     * Records one party's approval of the terms it saw.
     *
     * @return whether both parties have now approved the current terms (the chain's approval still has to follow)
     * @throws IllegalArgumentException when the approved terms are not the current ones
     */
    public boolean approve(Party party, String approvedTermsHash, OffsetDateTime now) {
        requireStatus(AgreementStatus.AWAITING_APPROVAL, "be approved");
        if (!termsHash.equals(approvedTermsHash)) {
            throw new IllegalArgumentException("the approved terms (" + approvedTermsHash + ") are not the agreement's current terms ("
                    + termsHash + ")");
        }
        if (party == Party.CONSUMER) {
            consumerApprovedHash = approvedTermsHash;
        } else {
            providerApprovedHash = approvedTermsHash;
        }
        // what binds is the chain's approval by both (approvedOnChain); this is each party's word
        return termsHash.equals(consumerApprovedHash) && termsHash.equals(providerApprovedHash);
    }

    /** The chain says both parties approved the same terms: the agreement awaits the deposit. */
    public void approvedOnChain(OffsetDateTime now) {
        requireStatus(AgreementStatus.AWAITING_APPROVAL, "be approved");
        consumerApprovedHash = termsHash;
        providerApprovedHash = termsHash;
        moveTo(AgreementStatus.AWAITING_DEPOSIT, "approved by both parties on chain", now, "await the deposit");
    }

    /**
     * Both parties approved the current terms off chain, which is what binds a channel agreement
     * (the channel's cheques carry the consumer's signature): the agreement awaits the channel.
     *
     * @return whether it moved (false while an approval is missing)
     */
    public boolean approvedByBoth(OffsetDateTime now) {
        requireStatus(AgreementStatus.AWAITING_APPROVAL, "be approved");
        if (!isApprovedBy(Party.CONSUMER) || !isApprovedBy(Party.PROVIDER)) {
            return false;
        }
        moveTo(AgreementStatus.AWAITING_DEPOSIT, "approved by both parties", now, "await the deposit");
        return true;
    }

    /** New terms before both approved: every approval given so far is void. */
    public void changeTerms(String newTerms, String newTermsHash, OffsetDateTime now) {
        if (status != AgreementStatus.REQUESTED && status != AgreementStatus.AWAITING_APPROVAL) {
            throw new IllegalAgreementTransition(id, status, "change its terms");
        }
        terms = requireText(newTerms, "terms");
        termsHash = requireText(newTermsHash, "termsHash");
        boolean hadApproval = consumerApprovedHash != null || providerApprovedHash != null;
        consumerApprovedHash = null;
        providerApprovedHash = null;
        history.add(new StatusChange(now, status, status, hadApproval ? "terms changed; approvals reset" : "terms changed"));
    }

    public boolean isApprovedBy(Party party) {
        String approved = party == Party.CONSUMER ? consumerApprovedHash : providerApprovedHash;
        return termsHash.equals(approved);
    }

    /**
     * Records who rejected the terms and why; the termination that follows ends the agreement as
     * REJECTED (and rejects the escrow on chain).
     */
    public void rejected(Party party, String reason, OffsetDateTime now) {
        requireStatus(AgreementStatus.AWAITING_APPROVAL, "be rejected");
        history.add(new StatusChange(now, status, status, "rejected by the " + party.name().toLowerCase() + ": " + requireText(reason, "reason")));
    }

    public void depositReceived(OffsetDateTime now) {
        moveTo(AgreementStatus.PROVISIONING, "deposit received", now, "be provisioned");
    }

    public void activate(OffsetDateTime now) {
        moveTo(AgreementStatus.ACTIVE, status == AgreementStatus.SUSPENDED ? "resumed" : "provisioned", now, "become active");
    }

    public void suspend(String reason, OffsetDateTime now) {
        moveTo(AgreementStatus.SUSPENDED, requireText(reason, "reason"), now, "be suspended");
    }

    /** The final settlement starts; the cause is what the agreement will end with. */
    public void beginTermination(TerminationCause cause, OffsetDateTime now) {
        moveTo(AgreementStatus.TERMINATING, Objects.requireNonNull(cause, "cause").name(), now, "begin termination");
        terminationCause = cause;
    }

    /** Ends the agreement: after its final settlement, or at once where nothing was settled yet. */
    public void terminate(TerminationCause cause, String reason, OffsetDateTime now) {
        Objects.requireNonNull(cause, "cause");
        if (terminationCause != null && terminationCause != cause) {
            throw new IllegalStateException("agreement " + id + " is terminating as " + terminationCause + ", not " + cause);
        }
        moveTo(AgreementStatus.TERMINATED, reason == null ? cause.name() : reason, now, "terminate");
        terminationCause = cause;
    }

    private void requireStatus(AgreementStatus required, String step) {
        if (status != required) {
            throw new IllegalAgreementTransition(id, status, step);
        }
    }

    private void moveTo(AgreementStatus target, String reason, OffsetDateTime now, String step) {
        if (!status.canBecome(target)) {
            throw new IllegalAgreementTransition(id, status, step);
        }
        history.add(new StatusChange(now, status, target, reason));
        status = target;
    }

    public String id() {
        return id;
    }

    public String offeringId() {
        return offeringId;
    }

    public String providerId() {
        return providerId;
    }

    public String consumerId() {
        return consumerId;
    }

    public String consumerAddress() {
        return consumerAddress;
    }

    public SettlementModel settlementModel() {
        return settlementModel;
    }

    public String terms() {
        return terms;
    }

    public String termsHash() {
        return termsHash;
    }

    public AgreementStatus status() {
        return status;
    }

    public TerminationCause terminationCause() {
        return terminationCause;
    }

    public String onChainId() {
        return onChainId;
    }

    public OffsetDateTime requestedAt() {
        return requestedAt;
    }

    public List<StatusChange> history() {
        return List.copyOf(history);
    }

    /** Whether the given tenant is one of the two parties: nobody else may see the agreement. */
    public String consumerPublicKey() {
        return consumerPublicKey;
    }

    public String provisioningState() {
        return provisioningState;
    }

    public String provisioningNote() {
        return provisioningNote;
    }

    public boolean provisioned() {
        return provisioned;
    }

    public String sealedCredentials() {
        return sealedCredentials;
    }

    public java.math.BigInteger escrowDeposited() {
        return escrowDeposited;
    }

    public java.math.BigInteger escrowRemaining() {
        return escrowRemaining;
    }

    public OffsetDateTime lastBillAt() {
        return lastBillAt;
    }

    public int billCount() {
        return billCount;
    }

    public boolean concerns(String tenantId) {
        return providerId.equals(tenantId) || consumerId.equals(tenantId);
    }
}
