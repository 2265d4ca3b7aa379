package io.tollway.infrastructure.chain.escrow;

import io.tollway.contracts.generated.ServiceEscrow;
import io.tollway.infrastructure.chain.Abi;
import io.tollway.infrastructure.chain.ContractViews;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.tollway.infrastructure.chain.ContractViews.uint;

/**
 * Reads {@code ServiceEscrow} over JSON-RPC, on the latest block: no signer, no transaction.
 * The escrow's address is an argument of every read and comes from Tollway's configuration,
 * never from a request. An {@link IOException} means the node could not be reached or the
 * address holds no escrow. Thread-safe.
 */
public final class EscrowReader {

    private static final String AGREEMENT_CREATED = EventEncoder.encode(ServiceEscrow.AGREEMENTCREATED_EVENT);
    /** AgreementView is a static struct: returned inline, as its fourteen fields in a row. */
    private static final List<TypeReference<?>> AGREEMENT_FIELDS = agreementFields();
    /** The place of {@code lastBillAt} in {@code agreement}'s answer (every field a static word). */
    private static final int LAST_BILL_AT = 8;

    private final Web3j web3j;
    private final ContractViews views;

    public EscrowReader(Web3j web3j) {
        this.web3j = web3j;
        this.views = new ContractViews(web3j);
    }

    /** The agreement as stored (status "None" when there is none with this id). */
    public EscrowAgreementOnChain agreement(String escrow, BigInteger onChainId) throws IOException {
        return agreementOf(views.call(escrow, "agreement", List.of(EscrowCalls.id(onChainId)), AGREEMENT_FIELDS));
    }

    /**
     * Each agreement's last bill (unix seconds; its activation before the first bill), in the order
     * of {@code onChainIds}, in one round trip: only that field of {@code agreement} is decoded.
     */
    @SuppressWarnings("rawtypes")
    public List<Long> lastBills(String escrow, List<BigInteger> onChainIds) throws IOException {
        List<List<Type>> arguments = onChainIds.stream().<List<Type>>map(id -> List.of(EscrowCalls.id(id))).toList();
        return views.callEachUint(escrow, "agreement", arguments, LAST_BILL_AT, AGREEMENT_FIELDS.size()).stream()
                .map(BigInteger::longValueExact).toList();
    }

    private static List<TypeReference<?>> agreementFields() {
        List<TypeReference<?>> fields = new ArrayList<>(List.of(address(), address(), address(), new TypeReference<Uint8>() { }));
        for (int i = 0; i < 8; i++) {
            fields.add(uint256());
        }
        fields.add(bool());
        fields.add(bool());
        return List.copyOf(fields);
    }

    @SuppressWarnings("rawtypes")
    private static EscrowAgreementOnChain agreementOf(List<Type> v) {
        int status = uint(v, 3).intValueExact();
        return new EscrowAgreementOnChain(text(v, 0), text(v, 1), text(v, 2),
                status < EscrowAgreementOnChain.STATUSES.size() ? EscrowAgreementOnChain.STATUSES.get(status) : "Unknown(" + status + ")",
                uint(v, 4), uint(v, 5), uint(v, 6), uint(v, 7).longValueExact(), uint(v, LAST_BILL_AT).longValueExact(),
                uint(v, 9), uint(v, 10), uint(v, 11), (Boolean) v.get(12).getValue(), (Boolean) v.get(13).getValue());
    }

    /** The agreement's metadata, part of what both parties approve. */
    public String metadata(String escrow, BigInteger onChainId) throws IOException {
        return (String) views.call(escrow, "metadataOf", List.of(EscrowCalls.id(onChainId)),
                List.of(new TypeReference<Utf8String>() { })).get(0).getValue();
    }

    /** The hash of the current terms, 0x-hex: what {@code approve} must be given. */
    public String termsHash(String escrow, BigInteger onChainId) throws IOException {
        byte[] hash = (byte[]) views.call(escrow, "termsHash", List.of(EscrowCalls.id(onChainId)),
                List.of(new TypeReference<Bytes32>() { })).get(0).getValue();
        return Numeric.toHexString(hash);
    }

    /** The balances after a bill without usage at {@code at} (unix seconds, not before the last bill). */
    @SuppressWarnings("rawtypes")
    public EscrowBalances balancesAt(String escrow, BigInteger onChainId, long at) throws IOException {
        List<Type> v = views.call(escrow, "balancesAt", List.of(EscrowCalls.id(onChainId), new Uint256(at)),
                List.of(uint256(), uint256(), uint256()));
        return new EscrowBalances(uint(v, 0), uint(v, 1), uint(v, 2));
    }

    /** A provider's earnings over all its agreements. */
    @SuppressWarnings("rawtypes")
    public ProviderEarnings earningsOf(String escrow, String provider) throws IOException {
        List<Type> v = views.call(escrow, "earningsOf", List.of(Abi.addressOf("provider", provider)),
                List.of(uint256(), uint256(), uint256()));
        return new ProviderEarnings(uint(v, 0), uint(v, 1), uint(v, 2));
    }

    /**
     * The id {@code createAgreement} handed out, from the {@code AgreementCreated} event of its
     * transaction (never {@code lastAgreementId()}: another agreement may have been created since).
     * Empty while the transaction has no receipt, or when it reverted.
     */
    public Optional<BigInteger> createdAgreementId(String escrow, String transactionHash) throws IOException {
        EthGetTransactionReceipt answer = web3j.ethGetTransactionReceipt(transactionHash).send();
        if (answer.hasError()) {
            throw new IOException("node refused the receipt of " + transactionHash + ": " + answer.getError().getMessage());
        }
        Optional<TransactionReceipt> receipt = answer.getTransactionReceipt();
        if (receipt.isEmpty() || !receipt.get().isStatusOK()) {
            return Optional.empty();
        }
        return createdAgreementId(escrow, receipt.get().getLogs());
    }

    /** The id of the first {@code AgreementCreated} event among these logs that this escrow emitted. */
    public static Optional<BigInteger> createdAgreementId(String escrow, List<Log> logs) {
        String address = Abi.address("escrow", escrow);
        return logs.stream()
                .filter(log -> address.equalsIgnoreCase(log.getAddress()))
                .filter(log -> !log.getTopics().isEmpty() && AGREEMENT_CREATED.equals(log.getTopics().get(0)))
                .map(log -> ServiceEscrow.getAgreementCreatedEventFromLog(log).id)
                .findFirst();
    }

    @SuppressWarnings("rawtypes")
    private static String text(List<Type> values, int index) {
        return values.get(index).toString().toLowerCase();
    }

    private static TypeReference<Address> address() {
        return new TypeReference<Address>() { };
    }

    private static TypeReference<Uint256> uint256() {
        return new TypeReference<Uint256>() { };
    }

    private static TypeReference<Bool> bool() {
        return new TypeReference<Bool>() { };
    }
}
