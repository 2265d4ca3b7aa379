package io.tollway.infrastructure.chain.signing;

import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A key that lives in an external signer (Web3Signer, Clef, an HSM front end, or a node's
 * unlocked account) and is asked over JSON-RPC {@code eth_signTransaction}. Tollway never sees
 * the key.
 */
public final class RemoteSigner implements TransactionSigner {

    private final Web3jService signerService;
    private final String address;

    public RemoteSigner(Web3jService signerService, String address) {
        if (address == null || !address.matches("0x[0-9a-fA-F]{40}")) {
            throw new SigningFailed("a remote signer needs the 0x address of its account, not '" + address + "'");
        }
        this.signerService = signerService;
        this.address = address.toLowerCase();
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public String sign(RawTransaction transaction) {
        if (!(transaction.getTransaction() instanceof Transaction1559 eip1559)) {
            throw new SigningFailed("only EIP-1559 transactions are signed, not " + transaction.getType());
        }
        Request<?, SignedTransaction> request = new Request<>("eth_signTransaction", List.of(parameters(eip1559)),
                signerService, SignedTransaction.class);
        try {
            SignedTransaction signed = request.send();
            if (signed.hasError()) {
                throw new SigningFailed("the remote signer refused to sign for " + address + ": " + signed.getError().getMessage());
            }
            return signed.getResult();
        } catch (IOException e) {
            throw new SigningFailed("the remote signer for " + address + " does not answer", e);
        }
    }

    private Map<String, String> parameters(Transaction1559 transaction) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("type", "0x2");
        parameters.put("from", address);
        if (transaction.getTo() != null && !transaction.getTo().isEmpty()) {
            parameters.put("to", transaction.getTo());
        }
        parameters.put("nonce", quantity(transaction.getNonce()));
        parameters.put("gas", quantity(transaction.getGasLimit()));
        parameters.put("maxFeePerGas", quantity(transaction.getMaxFeePerGas()));
        parameters.put("maxPriorityFeePerGas", quantity(transaction.getMaxPriorityFeePerGas()));
        parameters.put("value", quantity(transaction.getValue()));
        parameters.put("data", transaction.getData() == null || transaction.getData().isEmpty() ? "0x" : Numeric.prependHexPrefix(transaction.getData()));
        parameters.put("chainId", quantity(BigInteger.valueOf(transaction.getChainId())));
        return parameters;
    }

    private static String quantity(BigInteger value) {
        return Numeric.encodeQuantity(value == null ? BigInteger.ZERO : value);
    }

    @Override
    public String toString() {
        return "RemoteSigner[" + address + "]";
    }

    /** The answer of {@code eth_signTransaction}: the signed raw transaction as hex. */
    public static final class SignedTransaction extends Response<String> {
    }
}
