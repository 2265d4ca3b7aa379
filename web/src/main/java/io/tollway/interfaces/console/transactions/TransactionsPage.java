package io.tollway.interfaces.console.transactions;

import io.tollway.application.console.ChainTransactionList;
import io.tollway.application.console.ChainTransactionRow;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.List;
import java.util.Map;

/** The chain gateway's transactions, newest first, by state ({@code ?state=}), with fee and confirmations. */
@Named
@RequestScoped
public class TransactionsPage {

    @EJB
    private ChainTransactionList transactions;

    @Inject
    private FacesContext faces;

    /** From the query string ({@code ?state=}); null: all states. */
    private String state;
    private List<ChainTransactionRow> rows;
    private Map<String, Long> counts;

    public String getState() {
        return state;
    }

    @PostConstruct
    void readState() {
        String asked = faces.getExternalContext().getRequestParameterMap().get("state");
        this.state = asked == null || asked.isBlank() ? null : asked.strip();
    }

    public Map<String, Long> getCounts() {
        if (counts == null) {
            counts = transactions.countByState();
        }
        return counts;
    }

    public List<String> getStates() {
        return List.copyOf(getCounts().keySet());
    }

    public List<ChainTransactionRow> getRows() {
        if (rows == null) {
            rows = state != null && !getCounts().containsKey(state) ? List.of() : transactions.newest(state);
        }
        return rows;
    }
}
