package io.tollway.application.chain;

import io.tollway.infrastructure.chain.ChainNode;
import io.tollway.infrastructure.chain.DeployedContracts;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Where this deployment's contracts are and on which chain. */
@Stateless
public class ChainDirectory {

    @Inject
    private ChainNode node;

    @Inject
    private DeployedContracts contracts;

    /** Reads the node outside any transaction, then the recorded addresses. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public ChainView describe() {
        try {
            return new ChainView(node.chainId(), node.headBlock(), contracts.addresses());
        } catch (IOException e) {
            throw new UncheckedIOException("the chain node does not answer", e);
        }
    }
}
