package io.tollway.infrastructure.chain.escrow;

import io.tollway.infrastructure.chain.transaction.CallBatching;
import io.tollway.infrastructure.chain.transaction.ContractCall;

import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Sends the escrow's bills as {@code billMany}: every {@code bill(id, variableAmount, ref)} asked
 * for within {@link #linger()} of each other goes in one transaction, up to {@link #maxCalls()}.
 * {@code billMany} skips a bill it cannot make (with {@code BillRejected}) instead of reverting,
 * so one agreement's bad bill never fails the others'; each member reads its own outcome from
 * the receipt by its agreement's id.
 */
public final class EscrowBillBatching implements CallBatching {

    /** The selector of {@code bill(uint256,uint256,bytes32)}, as 0x-hex. */
    static final String BILL_SELECTOR = Hash.sha3String("bill(uint256,uint256,bytes32)").substring(0, 10);

    @SuppressWarnings("rawtypes")
    private static final List<TypeReference<Type>> BILL_ARGUMENTS = List.of(
            cast(new TypeReference<Uint256>() { }), cast(new TypeReference<Uint256>() { }), cast(new TypeReference<Bytes32>() { }));

    /** About 60k gas a bill: 100 fit well inside a 30M-gas block. */
    public static final int MAX_BILLS = 100;

    private final Duration linger;

    public EscrowBillBatching(Duration linger) {
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative");
        }
        this.linger = linger;
    }

    @Override
    public Optional<String> batchKey(ContractCall call) {
        if (call.value().signum() != 0 || call.data().length != 4 + 3 * 32 || !call.dataHex().startsWith(BILL_SELECTOR)) {
            return Optional.empty();
        }
        return Optional.of("ServiceEscrow.bill@" + call.to().toLowerCase());
    }

    @Override
    public ContractCall combine(List<ContractCall> calls) {
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("no bills to combine");
        }
        String escrow = calls.get(0).to();
        return EscrowCalls.billMany(escrow, calls.stream().map(call -> {
            if (!call.to().equalsIgnoreCase(escrow) || batchKey(call).isEmpty()) {
                throw new IllegalArgumentException("not a bill of " + escrow + ": " + call.description());
            }
            List<Type> arguments = FunctionReturnDecoder.decode(call.dataHex().substring(BILL_SELECTOR.length()), BILL_ARGUMENTS);
            return new EscrowCalls.Bill((BigInteger) arguments.get(0).getValue(), (BigInteger) arguments.get(1).getValue(),
                    Numeric.toHexString((byte[]) arguments.get(2).getValue()));
        }).toList());
    }

    @Override
    public int maxCalls() {
        return MAX_BILLS;
    }

    @Override
    public Duration linger() {
        return linger;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypeReference<Type> cast(TypeReference<? extends Type> reference) {
        return (TypeReference<Type>) reference;
    }
}
