package io.tollway.application.chain;

import java.util.Map;

/** The chain this deployment settles on: what a consumer's wallet needs to talk to its contracts. */
public record ChainView(long chainId, long headBlock, Map<String, String> contracts) {
}
