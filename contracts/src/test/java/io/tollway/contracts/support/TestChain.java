package io.tollway.contracts.support;

import io.tollway.devkit.Anvil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * One anvil chain for one test class, with web3j and a signing party per development key.
 *
 * <p>Each party has its own {@link RawTransactionManager} (which asks the chain for the nonce,
 * so {@link #revert(String)} needs no nonce bookkeeping) and a receipt processor that polls every
 * 20 ms instead of web3j's default 15 s. The HTTP client speaks HTTP/1.1 only.
 */
public final class TestChain implements AutoCloseable {

    /** Gas price and limit of every test transaction: the limit fits a 50-agreement billMany. */
    public static final ContractGasProvider GAS =
            new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(15_000_000L));

    private final Anvil anvil;
    private final Web3j web3j;
    private final List<Party> parties = new ArrayList<>();

    private TestChain(Anvil anvil) {
        this.anvil = anvil;
        OkHttpClient http = new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1)).build();
        this.web3j = Web3j.build(new HttpService(anvil.rpcUrl(), http));
        ContractErrors.use(web3j);
        String[] names = {"deployer", "consumer", "provider", "stranger", "monitor",
            "consumer2", "provider2", "consumer3", "provider3", "spare"};
        for (int i = 0; i < Anvil.DEV_PRIVATE_KEYS.size(); i++) {
            Credentials credentials = Credentials.create(Anvil.DEV_PRIVATE_KEYS.get(i));
            RawTransactionManager manager = new RawTransactionManager(web3j, credentials, Anvil.CHAIN_ID,
                    new PollingTransactionReceiptProcessor(web3j, 20, 1500));
            parties.add(new Party(names[i], credentials, manager));
        }
    }

    /** Starts a fresh anvil. */
    public static TestChain start() {
        return new TestChain(Anvil.start());
    }

    public long chainId() {
        return Anvil.CHAIN_ID;
    }

    public Web3j web3j() {
        return web3j;
    }

    public Anvil anvil() {
        return anvil;
    }

    /** The party signing with development key {@code index} (0 = deployer, 1 = consumer, ...). */
    public Party party(int index) {
        return parties.get(index);
    }

    public List<Party> parties() {
        return List.copyOf(parties);
    }

    /** Moves the chain clock forward by {@code seconds} and mines a block carrying the new time. */
    public void advance(long seconds) {
        anvil.increaseTime(seconds);
        anvil.mine();
    }

    /** Fixes the timestamp of the next mined block (must be later than the latest one). */
    public void setNextBlockTimestamp(long timestamp) {
        anvil.call("evm_setNextBlockTimestamp", "[" + timestamp + "]");
    }

    /** Mines an empty block with timestamp {@code timestamp}: eth_call then sees that time. */
    public void mineAt(long timestamp) {
        setNextBlockTimestamp(timestamp);
        anvil.mine();
    }

    /** The timestamp of the latest block. */
    public long latestTimestamp() {
        return block(DefaultBlockParameterName.LATEST).getTimestamp().longValueExact();
    }

    /** The timestamp of the block that holds {@code receipt}'s transaction. */
    public long timestampOf(TransactionReceipt receipt) {
        return block(DefaultBlockParameter.valueOf(receipt.getBlockNumber())).getTimestamp().longValueExact();
    }

    private EthBlock.Block block(DefaultBlockParameter number) {
        try {
            return web3j.ethGetBlockByNumber(number, false).send().getBlock();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String snapshot() {
        return anvil.snapshot();
    }

    public void revert(String snapshotId) {
        if (!anvil.revert(snapshotId)) {
            throw new IllegalStateException("evm_revert to " + snapshotId + " refused");
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
        anvil.close();
    }
}
