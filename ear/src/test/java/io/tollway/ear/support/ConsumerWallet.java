package io.tollway.ear.support;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * The consumer's own wallet in the end-to-end tests: its key never reaches Tollway; it sends the
 * calls the API hands it, signed by itself, and waits for their receipts.
 */
public final class ConsumerWallet {

    private static final BigInteger GAS_PRICE = BigInteger.valueOf(2_000_000_000L);
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(500_000);

    private final Credentials key;
    private final RawTransactionManager transactions;
    private final PollingTransactionReceiptProcessor receipts;

    public ConsumerWallet(String rpcUrl, String privateKey, long chainId) {
        Web3j web3j = Web3j.build(new HttpService(rpcUrl));
        this.key = Credentials.create(privateKey);
        this.receipts = new PollingTransactionReceiptProcessor(web3j, 100, 300);
        this.transactions = new RawTransactionManager(web3j, key, chainId, receipts);
    }

    public String address() {
        return key.getAddress();
    }

    /** The uncompressed public key (x || y), as Tollway takes it to seal credentials. */
    public String publicKey() {
        return Numeric.toHexStringNoPrefixZeroPadded(Sign.publicKeyFromPrivate(key.getEcKeyPair().getPrivateKey()), 128);
    }

    /** Sends one call and returns its receipt; a revert fails the test. */
    public TransactionReceipt send(String to, String data) {
        try {
            TransactionReceipt receipt = receipts.waitForTransactionReceipt(
                    transactions.sendTransaction(GAS_PRICE, GAS_LIMIT, to, data, BigInteger.ZERO).getTransactionHash());
            if (!receipt.isStatusOK()) {
                throw new AssertionError("the wallet's call to " + to + " reverted: " + receipt);
            }
            return receipt;
        } catch (IOException | org.web3j.protocol.exceptions.TransactionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Development token for the wallet itself (the test token lets anybody mint). */
    public void mint(String token, BigInteger amount) {
        send(token, FunctionEncoder.encode(new Function("mint", List.of(new Address(address()), new Uint256(amount)), List.of())));
    }

    public void allow(String token, String spender, BigInteger amount) {
        send(token, FunctionEncoder.encode(new Function("approve", List.of(new Address(spender), new Uint256(amount)), List.of())));
    }

    public void deposit(String escrow, String onChainId, BigInteger amount) {
        send(escrow, FunctionEncoder.encode(new Function("deposit",
                List.of(new Uint256(new BigInteger(onChainId)), new Uint256(amount)), List.of())));
    }
}
