package io.tollway.application.chain;

import io.tollway.infrastructure.chain.ChainGatewayService;
import io.tollway.infrastructure.chain.transaction.ChainTransactionState;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads the gateway's outbox for the API and the console. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ChainTransactions {

    public static final int MAX_PAGE = 500;

    @EJB
    private ChainGatewayService gateway;

    public Optional<ChainTransactionView> find(long id) {
        return gateway.find(id).map(ChainTransactionView::of);
    }

    /**
     * @param state   a state name or null for all
     * @param subject an agreement (or other subject) or null for all
     * @throws IllegalArgumentException for an unknown state or a limit outside 1..{@value #MAX_PAGE}
     */
    public List<ChainTransactionView> newest(String state, String subject, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
        }
        ChainTransactionState parsed = null;
        if (state != null) {
            parsed = Arrays.stream(ChainTransactionState.values()).filter(s -> s.name().equals(state)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("state must be one of " + Arrays.toString(ChainTransactionState.values())));
        }
        return gateway.newest(parsed, subject, 0, limit).stream().map(ChainTransactionView::of).toList();
    }

    /** A page of the subject's transactions (with the batches that carry its calls), newest first. */
    public List<ChainTransactionView> ofSubject(String subject, int offset, int limit) {
        return gateway.newest(null, subject, offset, limit).stream().map(ChainTransactionView::of).toList();
    }

    public long countOfSubject(String subject) {
        return gateway.countOfSubject(subject);
    }
}
