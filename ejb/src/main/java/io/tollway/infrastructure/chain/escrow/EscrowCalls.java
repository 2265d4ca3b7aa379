package io.tollway.infrastructure.chain.escrow;

import io.tollway.domain.model.agreement.EscrowTerms;
import io.tollway.infrastructure.chain.Abi;
import io.tollway.infrastructure.chain.transaction.ContractCall;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Calls of {@code ServiceEscrow} that Tollway sends through the gateway, signed by the provider's
 * key (the operator's where it hosts the provider): the contract takes the party from
 * {@code msg.sender}, so the signer decides on whose behalf a call acts. Arguments are checked
 * against what the contract stores (uint96 fees, uint32 lockup, 1..256 bytes of metadata), so a
 * value the contract would refuse fails here, naming the argument, not later as a revert.
 *
 * <p>Gas is left to the gateway's estimate: a bill's cost depends on the agreement's arbiter and
 * a batch's on its size, and the estimate also catches a call that would revert before it costs a
 * nonce.
 */
public final class EscrowCalls {

    static final String CONTRACT = "ServiceEscrow";
    /** The contract stores fees as uint96. */
    static final BigInteger MAX_FEE = BigInteger.TWO.pow(96).subtract(BigInteger.ONE);
    /** The contract stores the lockup as uint32 seconds. */
    static final long MAX_LOCKUP_SECONDS = 0xffff_ffffL;
    static final int MAX_METADATA_BYTES = 256;
    /** The contract stores an agreement's money as uint128. */
    static final BigInteger MAX_AMOUNT = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

    /**
     * One entry of {@code billMany}: the contract's {@code BillRequest{uint256 id; uint256
     * variableAmount; bytes32 ref;}}.
     *
     * @param agreementId    the agreement's on-chain id
     * @param variableAmount the usage part, at most the cap for the time since the last bill
     * @param ref            the provider's reference, 32 bytes of hex (Tollway's: {@code Bill.refOf})
     */
    public record Bill(BigInteger agreementId, BigInteger variableAmount, String ref) {

        public Bill {
            Abi.positive("agreementId", agreementId, Abi.MAX_UINT256);
            Abi.atMost("variableAmount", variableAmount, MAX_AMOUNT);
            ref = Abi.bytes32("ref", ref);
        }

        StaticStruct asStruct() {
            return new StaticStruct(Abi.uint256("agreementId", agreementId), Abi.uint256("variableAmount", variableAmount),
                    Abi.bytes32Of("ref", ref));
        }
    }

    private EscrowCalls() {
    }

    /** Emits {@code AgreementCreated(id, consumer, provider, creator)}; the signer must be the consumer or the provider. */
    public static ContractCall createAgreement(String escrow, String consumer, String provider) {
        if (Abi.address("consumer", consumer).equals(Abi.address("provider", provider))) {
            throw new IllegalArgumentException("consumer and provider must be different accounts, both were " + consumer);
        }
        return call(escrow, "createAgreement", Abi.partyOf("consumer", consumer), Abi.partyOf("provider", provider));
    }

    /**
     * Provider only, before both approved; resets approvals given so far. Emits {@code TermsSet}
     * with the new terms hash, and {@code AgreementReady} once the metadata is set too.
     *
     * @param arbiterOrZero an uptime arbiter contract, or {@link Abi#NO_ADDRESS}
     */
    public static ContractCall setTerms(String escrow, BigInteger onChainId, EscrowTerms terms, String arbiterOrZero) {
        Objects.requireNonNull(terms, "terms");
        if (terms.lockupSeconds() > MAX_LOCKUP_SECONDS) {
            throw new IllegalArgumentException("lockupSeconds must be at most " + MAX_LOCKUP_SECONDS + ", was " + terms.lockupSeconds());
        }
        return call(escrow, "setTerms", id(onChainId),
                Abi.uint256("setupFee", Abi.atMost("setupFee", terms.setupFee(), MAX_FEE)),
                Abi.uint256("baseFeePerHour", Abi.atMost("baseFeePerHour", terms.baseFeePerHour(), MAX_FEE)),
                Abi.uint256("variableFeePerHour", Abi.atMost("variableFeePerHour", terms.variableFeePerHour(), MAX_FEE)),
                Abi.uint256("lockupSeconds", BigInteger.valueOf(terms.lockupSeconds())),
                Abi.addressOf("arbiter", arbiterOrZero));
    }

    /** Either party, before both approved; resets approvals. Emits {@code MetadataSet} with the new terms hash. */
    public static ContractCall setMetadata(String escrow, BigInteger onChainId, String metadata) {
        return call(escrow, "setMetadata", id(onChainId), new Utf8String(metadata(metadata)));
    }

    /**
     * Approves the terms with this hash (either party, status Ready). The hash guards against a
     * change of terms racing the approval: the contract refuses it with {@code TermsMismatch}.
     * Emits {@code ApprovalGiven}, and {@code AgreementApproved} when the second party approves.
     */
    public static ContractCall approve(String escrow, BigInteger onChainId, String termsHash) {
        return call(escrow, "approve", id(onChainId), Abi.bytes32Of("termsHash", termsHash));
    }

    /** Either party, before both approved: ends the agreement ({@code AgreementRejected}). */
    public static ContractCall reject(String escrow, BigInteger onChainId) {
        return call(escrow, "reject", id(onChainId));
    }

    /**
     * Provider only, agreement Active. Reverts with {@code OverCap} above the usage cap; a deposit
     * that cannot pay ends the agreement ({@code OutOfFunds}, the call succeeds). Emits
     * {@code BillPaid} (and {@code BillLate} after more than an hour).
     */
    public static ContractCall bill(String escrow, BigInteger onChainId, BigInteger variableAmount, String ref) {
        Bill bill = new Bill(onChainId, variableAmount, ref);
        return call(escrow, "bill", id(bill.agreementId()), Abi.uint256("variableAmount", bill.variableAmount()),
                Abi.bytes32Of("ref", bill.ref()));
    }

    /**
     * Bills many of the signer's agreements in one transaction. A bill that cannot be made (over
     * the cap, not active, not the signer's) does not revert the batch: it is skipped with
     * {@code BillRejected(id, reason)} while the others are paid.
     */
    public static ContractCall billMany(String escrow, List<Bill> bills) {
        if (Objects.requireNonNull(bills, "bills").isEmpty()) {
            throw new IllegalArgumentException("bills must not be empty");
        }
        // web3j names the parameter type from the elements: "(uint256,uint256,bytes32)[]"
        List<StaticStruct> structs = bills.stream().map(Bill::asStruct).toList();
        return call(escrow, "billMany", new DynamicArray<>(StaticStruct.class, structs));
    }

    /**
     * Either party, any time. Before activation it cancels ({@code AgreementCancelled}); an active
     * agreement is settled: base fee up to now plus the lockup go to the provider
     * ({@code AgreementStopped}).
     */
    public static ContractCall stop(String escrow, BigInteger onChainId) {
        return call(escrow, "stop", id(onChainId));
    }

    /** Moves all of the signer's earnings (over all its agreements) to it; reverts with {@code NothingToWithdraw} at 0. */
    public static ContractCall withdrawEarnings(String escrow) {
        return call(escrow, "withdrawEarnings");
    }

    static ContractCall call(String escrow, String function, Type<?>... arguments) {
        return Abi.call(CONTRACT, escrow, function, List.of(arguments));
    }

    static Type<?> id(BigInteger onChainId) {
        return Abi.uint256("onChainId", Abi.positive("onChainId", onChainId, Abi.MAX_UINT256));
    }

    static String metadata(String metadata) {
        int bytes = Objects.requireNonNull(metadata, "metadata").getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > MAX_METADATA_BYTES) {
            throw new IllegalArgumentException("metadata must be 1 to " + MAX_METADATA_BYTES + " bytes of UTF-8, was " + bytes);
        }
        return metadata;
    }
}
