package io.tollway.infrastructure.chain;

import io.tollway.infrastructure.config.TollwayConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The JSON-RPC connection to the chain node. One client for the application, over HTTP/1.1
 * (some nodes mishandle HTTP/2 upgrades) with short timeouts so a dead node is noticed quickly.
 */
@ApplicationScoped
public class ChainNode {

    @Inject
    private TollwayConfig config;

    private volatile Web3j web3j;
    private volatile String connectedTo;
    private volatile Long chainId;

    /** The client for the configured node, rebuilt when the configured URL changes. */
    public synchronized Web3j web3j() {
        String url = config.rpcUrl();
        if (web3j == null || !url.equals(connectedTo)) {
            close();
            OkHttpClient http = new OkHttpClient.Builder()
                    .protocols(List.of(Protocol.HTTP_1_1))
                    .connectTimeout(Duration.ofSeconds(3))
                    .readTimeout(Duration.ofSeconds(30))
                    .build();
            web3j = Web3j.build(new HttpService(url, http));
            connectedTo = url;
            chainId = null;
        }
        return web3j;
    }

    /**
     * The chain's id as the node reports it, asked once per connection: a node does not change
     * chains, and every agreement read names it for the wallet.
     */
    public long chainId() throws IOException {
        Web3j client = web3j();
        Long known = chainId;
        if (known == null) {
            known = client.ethChainId().send().getChainId().longValueExact();
            chainId = known;
        }
        return known;
    }

    /** The newest block's number. */
    public long headBlock() throws IOException {
        return web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    @PreDestroy
    synchronized void close() {
        if (web3j != null) {
            web3j.shutdown();
            web3j = null;
        }
    }
}
